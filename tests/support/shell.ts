// Reading the commands a README shows, for the tests that run them.

/** The shell commands of a README's ```sh blocks, with `\` continuations joined. */
export function shellCommands(markdown: string): { line: number; command: string }[] {
  const out: { line: number; command: string }[] = [];
  const lines = markdown.split('\n');
  let inSh = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (/^```(sh|bash|shell)\s*$/.test(l)) inSh = true;
    else if (l.startsWith('```')) inSh = false;
    else if (inSh && l.trim() && !l.trim().startsWith('#')) {
      const start = i + 1;
      let cmd = l;
      while (cmd.endsWith('\\') && i + 1 < lines.length)
        cmd = `${cmd.slice(0, -1).trimEnd()} ${(lines[++i] as string).trim()}`;
      out.push({ line: start, command: cmd.trim() });
    }
  }
  return out;
}

/** Splits a command line into arguments, honouring single and double quotes. */
export function splitArgs(command: string): string[] {
  const args: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(command); m; m = re.exec(command)) args.push(m[1] ?? m[2] ?? (m[3] as string));
  return args;
}
