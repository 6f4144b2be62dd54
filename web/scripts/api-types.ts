import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from './openapi-document';

/** Where the portal's typed client reads the API's types from (committed; a test keeps it fresh). */
export const API_TYPES_PATH = fileURLToPath(new URL('../src/lib/api/schema.d.ts', import.meta.url));

const HEADER = `/**
 * Generated from the API's OpenAPI document (cloud/src/app.ts → GET /api/v1/openapi.json) by
 * \`npm run api:generate -w web\`. Do not edit: web/test/api-types.test.ts fails when this file
 * differs from a fresh generation.
 */

`;

/** The TypeScript declarations of the current API, as the committed file should read. */
export async function generateApiTypes(): Promise<string> {
  const ast = await openapiTS(await openApiDocument() as never, { alphabetize: true, exportType: true });
  return HEADER + astToString(ast);
}
