// Entry of dist/sayso-debug.js (IIFE): registers the debug chunk on
// window.__saysodebug for the script-tag SDK, which loads this file only on a
// page that asks for preview or debug (sdk/debug-flag.ts).
import { DEBUG_GLOBAL } from '../sdk/debug-types.js';
import { debug } from './index.js';

(window as unknown as Record<string, unknown>)[DEBUG_GLOBAL] = debug;
