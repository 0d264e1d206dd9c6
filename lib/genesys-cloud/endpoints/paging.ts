// The Platform API paging envelope and a helper that walks every page.
import { z } from "zod";

export function pageSchema<T extends z.ZodType>(entity: T) {
  return z.looseObject({
    entities: z.array(entity).default([]),
    pageSize: z.number().optional(),
    pageNumber: z.number().optional(),
    total: z.number().optional(),
    pageCount: z.number().optional(),
    firstUri: z.string().optional(),
    nextUri: z.string().optional(),
    previousUri: z.string().optional(),
    lastUri: z.string().optional(),
    selfUri: z.string().optional(),
  });
}

type Page<T> = {
  entities: T[];
  pageSize?: number;
  pageNumber?: number;
  total?: number;
  pageCount?: number;
  nextUri?: string;
};

const MAX_PAGES = 1000;

export async function allPages<T>(fetchPage: (pageNumber: number) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber += 1) {
    const page = await fetchPage(pageNumber);
    items.push(...page.entities);
    const pageCount = page.pageCount ?? 1;
    if (page.entities.length === 0 || pageNumber >= pageCount) break;
  }
  return items;
}

export const entityRef = z.looseObject({ id: z.string(), name: z.string().optional(), selfUri: z.string().optional() });
export const roleDivisionSchema = z.looseObject({ roleId: z.string(), divisionId: z.string() });
export type RoleDivision = { roleId: string; divisionId: string };
