// The pack editor (CodeMirror with YAML, lint and completion: 430 KB, a third of the app's code) is
// loaded when the Policies screen first opens or the app idles after its first run (later-parts.ts),
// not with the app, so the first paint does not wait for it.
import { loadOnce } from '../state/load-once.ts';

export type YamlEditorComponent = (typeof import('./YamlEditor.svelte'))['default'];

export const loadYamlEditor = loadOnce(() => import('./YamlEditor.svelte').then((module) => module.default));
