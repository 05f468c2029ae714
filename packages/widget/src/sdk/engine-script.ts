// Entry of dist/sayso-engine.js (IIFE): registers the engine on
// window.__saysoengine for the script-tag SDK, which loads this file when it
// first needs to validate a survey config or to deliver.
import { engine } from './engine.js';
import { ENGINE_GLOBAL } from './engine-types.js';

(window as unknown as Record<string, unknown>)[ENGINE_GLOBAL] = engine;
