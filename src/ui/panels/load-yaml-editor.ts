// The pack editor (CodeMirror with YAML, lint and completion: 430 KB, a third of the app's code) is
// loaded when the Policies screen first opens or the app idles after its first run (later-parts.ts),
// not with the app, so the first paint does not wait for it.
type YamlEditorModule = typeof import('./YamlEditor.svelte');
export type YamlEditorComponent = YamlEditorModule['default'];

let loading: Promise<YamlEditorComponent> | undefined;

export function loadYamlEditor(): Promise<YamlEditorComponent> {
  loading ??= import('./YamlEditor.svelte').then((module) => module.default);
  // A failed load (the app was updated and the old chunk is gone) is tried again next time.
  loading.catch(() => (loading = undefined));
  return loading;
}
