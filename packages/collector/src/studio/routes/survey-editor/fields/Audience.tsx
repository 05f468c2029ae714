// Who sees it and how often: targeting, sampling, throttle, priority, on/off.
import { Filters } from './Filters.js';
import { CheckField, ListField, NumberField, SelectField } from './Field.js';

export function Audience() {
  return (
    <section class="group" aria-labelledby="s-audience">
      <h2 id="s-audience">Who sees it</h2>
      <div class="row">
        <NumberField path="targeting.sample" label="Sample (% of visitors)" hint="Stable per person: a hash of site, survey and person picks the same people on every page" />
        <SelectField path="targeting.device" label="Device" options={['mobile', 'desktop', 'any']} emptyLabel="any (default)" />
        <SelectField path="targeting.visitor" label="Visitor" options={['new', 'returning', 'any']} emptyLabel="any (default)" />
        <SelectField path="targeting.identity" label="Identity" options={['anonymous', 'identified', 'any']} emptyLabel="any (default)" />
      </div>
      <ListField path="targeting.languages" label="Languages" hint="Comma-separated prefixes: de matches de-AT; empty shows in every language" />
      <Filters path="targeting.attributes" legend="Only people whose attributes (identify())" noun="attribute test" />
      <fieldset class="group">
        <legend>How often</legend>
        <div class="row">
          <SelectField path="throttle.show" label="Show" options={['once', 'until-answered', 'recurring']} emptyLabel="until-answered (default)" />
          <NumberField path="throttle.recontactDays" label="Days before asking again (recurring)" />
          <NumberField path="throttle.dismissCooldownDays" label="Days after a dismissal" />
          <NumberField path="throttle.maxDisplays" label="At most this many displays" />
        </div>
      </fieldset>
      <div class="row">
        <NumberField path="priority" label="Priority" hint="Higher wins when several surveys trigger together" />
        <CheckField path="enabled" label="Enabled" defaultValue={true} />
      </div>
    </section>
  );
}
