-- The queued job that last opened a rotation, so a job delivered again after the rotation finished starts no second one.
ALTER TABLE "certificate_rotations" ADD COLUMN "request_id" TEXT;
