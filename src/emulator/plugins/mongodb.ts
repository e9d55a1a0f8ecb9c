// The MongoDB Kafka sink connector (mongodb/mongo-kafka 1.13), a subset of its ConfigDef. Its
// `topics`/`topics.regex`/`errors.*` redefinitions of framework keys are left out.
import { mongoHost, mongoTimeoutTrace } from '../traces.js';
import { PLUGIN_PATH_URL, sinkOffsets, sinkTopics, tasksMax } from './framework.js';
import type { ConfigKeyDef, PluginDef } from './types.js';

const SINK = 'com.mongodb.kafka.connect.sink';

const CONFIG_DEFS: ConfigKeyDef[] = [
  {
    name: 'connection.uri',
    type: 'PASSWORD',
    defaultValue: 'mongodb://localhost:27017',
    importance: 'HIGH',
    documentation:
      'The connection URI as supported by the official drivers. eg: ``mongodb://user@pass@locahost/``.',
    group: 'Connection',
    width: 'MEDIUM',
    displayName: 'MongoDB Connection URI',
    order: 1,
    validator: {
      kind: 'custom',
      check: (name, value) =>
        value !== null &&
        typeof value === 'object' &&
        'password' in value &&
        !/^mongodb(\+srv)?:\/\//.test(value.password)
          ? `Invalid value [hidden] for configuration ${name}: The connection string is invalid. Connection strings must start with either 'mongodb://' or 'mongodb+srv://`
          : undefined,
    },
  },
  {
    name: 'database',
    type: 'STRING',
    importance: 'HIGH',
    documentation: 'The database for the sink to write.',
    group: 'Namespace',
    width: 'MEDIUM',
    displayName: 'The MongoDB database name.',
    order: 1,
    validator: { kind: 'nonEmptyString' },
  },
  {
    name: 'collection',
    type: 'STRING',
    defaultValue: '',
    importance: 'HIGH',
    documentation:
      'Optional, single sink collection name to write to. If following multiple topics then this will be the default collection they are mapped to.',
    group: 'Namespace',
    width: 'MEDIUM',
    displayName: 'The default MongoDB collection name',
    order: 2,
  },
  {
    name: 'max.batch.size',
    type: 'INT',
    defaultValue: '0',
    importance: 'MEDIUM',
    documentation: 'The maximum number of sink records to possibly batch together for processing',
    group: 'Writes',
    width: 'MEDIUM',
    displayName: 'The maximum batch size',
    order: 1,
    validator: { kind: 'atLeast', min: 0 },
  },
  {
    name: 'bulk.write.ordered',
    type: 'BOOLEAN',
    defaultValue: 'true',
    importance: 'MEDIUM',
    documentation:
      "Whether the batches controlled by 'max.batch.size' must be written via ordered bulk writes",
    group: 'Writes',
    width: 'MEDIUM',
    displayName: 'Bulk write ordering',
    order: 2,
  },
  {
    name: 'rate.limiting.timeout',
    type: 'INT',
    defaultValue: '0',
    importance: 'LOW',
    documentation: 'How long in ms processing should wait before continue processing',
    group: 'Writes',
    width: 'MEDIUM',
    displayName: 'The rate limiting timeout',
    order: 3,
    validator: { kind: 'atLeast', min: 0 },
  },
  {
    name: 'rate.limiting.every.n',
    type: 'INT',
    defaultValue: '0',
    importance: 'LOW',
    documentation: 'After how many processed batches the rate limit should trigger (NO rate limiting if n=0)',
    group: 'Writes',
    width: 'MEDIUM',
    displayName: 'The rate limiting batch number',
    order: 4,
    validator: { kind: 'atLeast', min: 0 },
  },
  {
    name: 'writemodel.strategy',
    type: 'STRING',
    defaultValue: `${SINK}.writemodel.strategy.DefaultWriteModelStrategy`,
    importance: 'LOW',
    documentation: 'The class the handles how build the write models for the sink documents',
    group: 'Writes',
    width: 'LONG',
    displayName: 'The writeModel strategy',
    order: 5,
  },
  {
    name: 'delete.on.null.values',
    type: 'BOOLEAN',
    defaultValue: 'false',
    importance: 'MEDIUM',
    documentation: 'Whether or not the connector tries to delete documents based on key when value is null',
    group: 'Writes',
    width: 'MEDIUM',
    displayName: 'Delete on null values',
    order: 6,
  },
  {
    name: 'document.id.strategy',
    type: 'STRING',
    defaultValue: `${SINK}.processor.id.strategy.BsonOidStrategy`,
    importance: 'HIGH',
    documentation: 'The IdStrategy class name to use for generating a unique document id (_id)',
    group: 'Id Strategies',
    width: 'MEDIUM',
    displayName: 'The document id strategy',
    order: 1,
    recommendedValues: [
      `${SINK}.processor.id.strategy.BsonOidStrategy`,
      `${SINK}.processor.id.strategy.FullKeyStrategy`,
      `${SINK}.processor.id.strategy.KafkaMetaDataStrategy`,
      `${SINK}.processor.id.strategy.PartialKeyStrategy`,
      `${SINK}.processor.id.strategy.PartialValueStrategy`,
      `${SINK}.processor.id.strategy.ProvidedInKeyStrategy`,
      `${SINK}.processor.id.strategy.ProvidedInValueStrategy`,
      `${SINK}.processor.id.strategy.UuidStrategy`,
    ],
  },
  {
    name: 'document.id.strategy.overwrite.existing',
    type: 'BOOLEAN',
    defaultValue: 'false',
    importance: 'LOW',
    documentation:
      'Allows the document id strategy will overwrite the `_id` value if it already exists in the document.',
    group: 'Id Strategies',
    width: 'SHORT',
    displayName: 'The document id strategy overwrite existing setting',
    order: 2,
  },
  {
    name: 'change.data.capture.handler',
    type: 'STRING',
    defaultValue: '',
    importance: 'LOW',
    documentation: 'The class name of the CDC handler to use for processing',
    group: 'Change data capture',
    width: 'MEDIUM',
    displayName: 'The CDC handler',
    order: 1,
  },
  {
    name: 'mongo.errors.tolerance',
    type: 'STRING',
    defaultValue: 'none',
    importance: 'MEDIUM',
    documentation:
      "Use this property if you would like to configure the connector's error handling behavior differently from the Connect framework's.",
    group: 'Errors',
    width: 'SHORT',
    displayName: 'Error Tolerance',
    order: 1,
    validator: { kind: 'in', values: ['none', 'all'] },
  },
];

export function mongoSinkPlugin(): PluginDef {
  return {
    className: 'com.mongodb.kafka.connect.MongoSinkConnector',
    type: 'sink',
    version: '1.13.1',
    location: `${PLUGIN_PATH_URL}mongodb-kafka-connect-mongodb/`,
    configDefs: CONFIG_DEFS,
    taskClass: `${SINK}.MongoSinkTask`,
    taskCount: tasksMax,
    topics: sinkTopics,
    initialOffsets: (config) => sinkOffsets(config, 1),
    failure: (config) => {
      const uri = config['connection.uri'] ?? 'mongodb://localhost:27017';
      return mongoHost(uri)?.includes('unreachable') ? { taskTrace: mongoTimeoutTrace(uri) } : undefined;
    },
  };
}
