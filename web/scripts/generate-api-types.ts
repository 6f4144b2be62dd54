import { writeFileSync } from 'node:fs';
import { API_TYPES_PATH, generateApiTypes } from './api-types';

// `npm run api:generate -w web`: rewrite src/lib/api/schema.d.ts from the API's routes.
writeFileSync(API_TYPES_PATH, await generateApiTypes());
process.stdout.write(`wrote ${API_TYPES_PATH}\n`);
