import { afterAll } from 'vitest';
import { removeTemporaryFolders } from './temporary.js';

// Every test file leaves the temporary folders it made as it found the system: none.
afterAll(() => removeTemporaryFolders());
