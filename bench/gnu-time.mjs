// What GNU time (`/usr/bin/time -v`, Debian package `time`) printed on a child's stderr:
// the figures the bench scripts read, each undefined when the line is missing (no GNU time).

const seconds = (stderr, name) => {
  const m = new RegExp(`${name} time \\(seconds\\): ([\\d.]+)`).exec(stderr);
  return m ? Number(m[1]) : undefined;
};

/** { user, sys, cpu } in seconds and { rss } (peak resident set) in MiB. */
export function gnuTimeOf(stderr) {
  const user = seconds(stderr, 'User');
  const sys = seconds(stderr, 'System');
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return {
    user,
    sys,
    cpu: user !== undefined && sys !== undefined ? user + sys : undefined,
    rss: rss ? Number(rss[1]) / 1024 : undefined,
  };
}
