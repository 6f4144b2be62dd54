import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../errors';

/** The API takes small JSON documents; anything bigger is refused before it is buffered. */
export const MAX_BODY_BYTES = 64 * 1024;

export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new AppError('payload_too_large', `request body exceeds ${MAX_BODY_BYTES} bytes`);
  },
});
