// Path patterns for resources: `*` stays within one path segment, `**` crosses segments, `?` is
// one character. Both `/` and `\` separate segments (POSIX paths, Windows and UNC paths such as
// `\\hr-fs01\compensation\*`). Compiled to regular expressions once, at pack load.

const cache = new Map<string, RegExp>();

export function globMatches(pattern: string, value: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = globToRegExp(pattern);
    cache.set(pattern, re);
  }
  return re.test(value);
}

export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i += 1;
        // `**/` may also stand for no folder at all: `a/**/b` matches `a/b`.
        if (pattern[i + 1] === '/' || pattern[i + 1] === '\\') {
          source += '(?:.*[/\\\\])?';
          i += 1;
        } else source += '.*';
      } else source += '[^/\\\\]*';
    } else if (ch === '?') source += '[^/\\\\]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}
