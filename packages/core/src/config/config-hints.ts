import type { ConfigIssue } from './config-error.js';

/** Options people reach for at the wrong level, or by n8n's own chat's name, and where they live here. */
const movedKeys: Readonly<Record<string, string>> = {
  title: 'header.title',
  subtitle: 'header.subtitle',
  avatar: 'header.avatar',
  showStatus: 'header.showStatus',
  position: 'bubble.position',
  icon: 'bubble.icon',
  botAvatar: 'header.avatar',
  colorScheme: 'theme.colorScheme',
  tokens: 'theme.tokens',
  webhook: 'webhookUrl',
  webhookURL: 'webhookUrl',
  url: 'webhookUrl',
  serverUrl: 'server',
  mode: 'type',
  defaultLanguage: 'locale',
  language: 'locale',
  i18n: 'messages',
  tooltipText: 'tooltip.text',
  headers: 'webhookConfig.headers',
  method: 'webhookConfig.method',
};

/** For an object option given as a string: the field inside it the string most likely meant. */
const shorthandFields: Readonly<Record<string, string>> = {
  theme: 'colorScheme',
  header: 'title',
  tooltip: 'text',
  footer: 'text',
  bubble: 'position',
};

function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      // a swapped pair of letters ("titel") counts as one edit
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        current[j] = Math.min(current[j] as number, (beforePrevious[j - 2] as number) + 1);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

/** The sibling key a typo most likely meant, if one is close enough. */
function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** The issue for an option that does not exist at `path`, with the right key when we can guess it. */
export function unknownKeyIssue(
  parent: string,
  key: string,
  siblings: readonly string[],
): ConfigIssue {
  const path = parent ? `${parent}.${key}` : key;
  const moved = parent === '' && Object.hasOwn(movedKeys, key) ? movedKeys[key] : undefined;
  const suggestion = moved ?? closestKey(key, siblings);
  return {
    path,
    message: suggestion
      ? `unknown option; did you mean ${parent && !suggestion.includes('.') ? `${parent}.` : ''}${suggestion}?`
      : `unknown option (known here: ${siblings.join(', ')})`,
  };
}

/** A hint for an object option given as a plain string, e.g. `theme: 'dark'`. */
export function shorthandHint(path: string, value: unknown): string | undefined {
  const field = shorthandFields[path];
  if (field === undefined || typeof value !== 'string') return undefined;
  return `use ${path}: { ${field}: ${JSON.stringify(value)} }`;
}
