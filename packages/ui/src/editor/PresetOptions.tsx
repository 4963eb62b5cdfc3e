/**
 * The `<option>`s of a preset list (platforms, caption styles). A current value the list does not
 * know (a clip saved with a name from elsewhere) is kept as an option of its own, not lost.
 */
export function PresetOptions({
  presets,
  current,
}: {
  presets: ReadonlyArray<{ id: string; label: string }>;
  current?: string | undefined;
}) {
  return (
    <>
      {current !== undefined && !presets.some((p) => p.id === current) ? (
        <option value={current}>{current}</option>
      ) : null}
      {presets.map((p) => (
        <option key={p.id} value={p.id}>
          {p.label}
        </option>
      ))}
    </>
  );
}
