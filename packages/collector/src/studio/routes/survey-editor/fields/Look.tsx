// How it looks: presentation mode and position, theme.
import { SelectField, TextField, useEditor } from './Field.js';

export function Look() {
  const mode = useEditor().get('presentation.mode') ?? 'popover';
  return (
    <section class="group" aria-labelledby="s-look">
      <h2 id="s-look">How it looks</h2>
      <div class="row">
        <SelectField path="presentation.mode" label="Mode" options={['popover', 'modal', 'bar', 'inline', 'tab']} emptyLabel="popover (default)" />
        {(mode === 'popover' || mode === 'bar' || mode === 'tab') && (
          <SelectField
            path="presentation.position"
            label="Position"
            options={mode === 'bar' ? ['bottom', 'top'] : ['bottom-right', 'bottom-left', 'top-right', 'top-left']}
            emptyLabel="bottom-right (default)"
          />
        )}
        {mode === 'inline' && <TextField path="presentation.target" label="CSS selector of the element to draw in" keepEmpty />}
        {mode === 'tab' && <TextField path="presentation.launcherLabel" label="Tab text" placeholder="Feedback" />}
      </div>
      <div class="row">
        <TextField path="theme.accent" label="Accent colour" placeholder="#2563eb" />
        <TextField path="theme.radius" label="Corner radius" placeholder="12px" />
        <TextField path="theme.font" label="Font" placeholder="inherit" />
        <SelectField path="theme.scheme" label="Colour scheme" options={['light', 'dark', 'auto']} emptyLabel="auto (default)" />
      </div>
    </section>
  );
}
