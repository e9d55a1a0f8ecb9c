// The plugin column: `io.confluent.connect.jdbc.JdbcSinkConnector` reads as `JdbcSink`, which is
// what fits in a narrow terminal and what operators call it.

export function pluginShortName(connectorClass: string): string {
  const simple = connectorClass.slice(connectorClass.lastIndexOf('.') + 1);
  const stripped = simple.endsWith('Connector') ? simple.slice(0, -'Connector'.length) : simple;
  // A class called just `Connector` (or `.Connector`) would otherwise vanish.
  return stripped === '' ? simple : stripped;
}
