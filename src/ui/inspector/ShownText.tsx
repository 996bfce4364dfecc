import { controlParts, showBytes } from './bytes.js';

/** A byte string as the inspector shows it: text, with tabs and newlines visible as \t and \n. */
export function ShownBytes({ value, className = 'bytes', titled = false }: { value: string; className?: string; titled?: boolean }) {
  const { text, escaped } = showBytes(value);
  return (
    <span className={escaped ? `${className} escaped` : className} title={titled ? text : undefined}>
      {escaped ? text : <ShownText text={text} />}
    </span>
  );
}

export function ShownText({ text, newlines = false }: { text: string; newlines?: boolean }) {
  const parts = controlParts(text, newlines);
  if (parts.length === 1 && !parts[0]!.control) return <>{text}</>;
  return (
    <>
      {parts.map((p, i) =>
        p.control ? (
          <span key={i} className="ctl">
            {p.text}
          </span>
        ) : (
          p.text
        ),
      )}
    </>
  );
}
