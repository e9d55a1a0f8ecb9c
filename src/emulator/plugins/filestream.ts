// The FileStream example connectors shipped with Apache Kafka (connect-file). Since 3.2 they are no
// longer on the worker's classpath; the fixture worker loads them from plugin.path.
import type { ConnectorConfig, ConnectorOffset } from '../../connect/types.js';
import { fileStreamSinkMissingFileTrace } from '../traces.js';
import { PLUGIN_PATH_URL, sinkOffsets, sinkTopics, stableNumber, tasksMax } from './framework.js';
import type { PluginDef } from './types.js';

const PACKAGE = 'org.apache.kafka.connect.file';

/** Paths the emulator treats as being under a directory that does not exist. */
function inMissingDirectory(path: string | undefined): path is string {
  return path?.trim().startsWith('/nonexistent') ?? false;
}

export function fileStreamSourcePlugin(version: string): PluginDef {
  return {
    className: `${PACKAGE}.FileStreamSourceConnector`,
    type: 'source',
    version,
    location: `${PLUGIN_PATH_URL}connect-file/`,
    configDefs: [
      {
        name: 'file',
        type: 'STRING',
        defaultValue: null,
        importance: 'HIGH',
        documentation: 'Source filename. If not specified, the standard input will be used',
        group: null,
        width: 'NONE',
        order: -1,
      },
      {
        name: 'topic',
        type: 'STRING',
        importance: 'HIGH',
        documentation: 'The topic to publish data to',
        group: null,
        width: 'NONE',
        order: -1,
        validator: { kind: 'nonEmptyString' },
      },
      {
        name: 'batch.size',
        type: 'INT',
        defaultValue: '2000',
        importance: 'LOW',
        documentation:
          'The maximum number of records the source task can read from the file each time it is polled',
        group: null,
        width: 'NONE',
        order: -1,
      },
    ],
    // Reading a real file is replayable; stdin is not.
    exactlyOnceSupport: (config) => ((config.file ?? '').trim() !== '' ? 'SUPPORTED' : 'UNSUPPORTED'),
    taskClass: `${PACKAGE}.FileStreamSourceTask`,
    // "Only one input stream makes sense."
    taskCount: () => 1,
    topics: (config) => (config.topic?.trim() ? [config.topic.trim()] : []),
    initialOffsets: (config): ConnectorOffset[] => {
      const file = config.file?.trim();
      // stdin has no offsets to commit.
      if (!file) return [];
      return [{ partition: { filename: file }, offset: { position: stableNumber(file, 20, 4000) } }];
    },
    // A missing input file is not fatal: the task logs and waits for it to appear.
    failure: () => undefined,
  };
}

export function fileStreamSinkPlugin(version: string): PluginDef {
  return {
    className: `${PACKAGE}.FileStreamSinkConnector`,
    type: 'sink',
    version,
    location: `${PLUGIN_PATH_URL}connect-file/`,
    configDefs: [
      {
        name: 'file',
        type: 'STRING',
        defaultValue: null,
        importance: 'HIGH',
        documentation: 'Destination filename. If not specified, the standard output will be used',
        group: null,
        width: 'NONE',
        order: -1,
      },
    ],
    taskClass: `${PACKAGE}.FileStreamSinkTask`,
    // FileStreamSinkConnector hands the same config to every one of tasks.max tasks.
    taskCount: (config: ConnectorConfig) => tasksMax(config),
    topics: sinkTopics,
    initialOffsets: (config) => sinkOffsets(config, 1),
    failure: (config) =>
      inMissingDirectory(config.file)
        ? { taskTrace: fileStreamSinkMissingFileTrace(config.file.trim()) }
        : undefined,
  };
}
