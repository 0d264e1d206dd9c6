# syntax=docker/dockerfile:1
# The dashboard and its workers in one image (README, "Running in production"). Node is the LTS line `npm test`
# also runs on in CI (.ci/run's node24_version); the steps are the ones .ci/run and README use. Not built in CI.

FROM node:24.22.3-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# Dependencies first, so a change to the sources reuses this layer; postinstall generates the Prisma client.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma-generate.mjs ./scripts/
RUN npm ci --no-audit --no-fund
COPY . .
# next build, with the sources' fingerprint recorded, so `npm start` serves this build instead of building again.
RUN node --import tsx scripts/build.ts
# tsx runs the scripts at run time and is a dependency; the test and build tools are not.
RUN npm prune --omit=dev --no-audit --no-fund && rm -rf .next/cache

FROM node:24.22.3-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
COPY --from=build /app /app
# The sources stay root's; the non-root user writes only Next.js's cache and the data volume (audit checkpoints).
RUN mkdir -p /data .next/cache && chown node:node /data .next/cache
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "start"]
