// Confluent's S3 sink connector (confluentinc/kafka-connect-s3 10.5), a subset of its ConfigDef:
// the S3, Storage and Partitioner groups operators set.
import { s3MissingBucketTrace } from '../traces.js';
import { PLUGIN_PATH_URL, sinkOffsets, sinkTopics, tasksMax } from './framework.js';
import type { ConfigKeyDef, PluginDef } from './types.js';

const STORAGE = 'io.confluent.connect.storage';

const FORMATS = [
  'io.confluent.connect.s3.format.avro.AvroFormat',
  'io.confluent.connect.s3.format.json.JsonFormat',
  'io.confluent.connect.s3.format.parquet.ParquetFormat',
  'io.confluent.connect.s3.format.bytearray.ByteArrayFormat',
];

const PARTITIONERS = [
  `${STORAGE}.partitioner.DefaultPartitioner`,
  `${STORAGE}.partitioner.FieldPartitioner`,
  `${STORAGE}.partitioner.HourlyPartitioner`,
  `${STORAGE}.partitioner.DailyPartitioner`,
  `${STORAGE}.partitioner.TimeBasedPartitioner`,
];

const REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-south-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'me-south-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];

const CONFIG_DEFS: ConfigKeyDef[] = [
  {
    name: 's3.bucket.name',
    type: 'STRING',
    importance: 'HIGH',
    documentation: 'The S3 Bucket.',
    group: 'S3',
    width: 'LONG',
    displayName: 'S3 Bucket',
    order: 1,
  },
  {
    name: 's3.region',
    type: 'STRING',
    defaultValue: 'us-west-2',
    importance: 'MEDIUM',
    documentation: 'The AWS region to be used the connector.',
    group: 'S3',
    width: 'LONG',
    displayName: 'AWS region',
    order: 2,
    validator: { kind: 'in', values: REGIONS },
    recommendedValues: REGIONS,
  },
  {
    name: 's3.part.size',
    type: 'INT',
    defaultValue: '26214400',
    importance: 'HIGH',
    documentation: 'The Part Size in S3 Multi-part Uploads.',
    group: 'S3',
    width: 'LONG',
    displayName: 'S3 Part Size',
    order: 3,
    validator: { kind: 'between', min: 5242880, max: 2147483647 },
  },
  {
    name: 'aws.access.key.id',
    type: 'STRING',
    defaultValue: '',
    importance: 'HIGH',
    documentation:
      'The AWS access key ID used to authenticate personal AWS credentials such as IAM credentials. Use only if you do not wish to authenticate by using a credentials provider class via ``s3.credentials.provider.class``',
    group: 'S3',
    width: 'LONG',
    displayName: 'AWS Access Key ID',
    order: 5,
  },
  {
    name: 'aws.secret.access.key',
    type: 'PASSWORD',
    defaultValue: '',
    importance: 'HIGH',
    documentation:
      'The secret access key used to authenticate personal AWS credentials such as IAM credentials. Use only if you do not wish to authenticate by using a credentials provider class via ``s3.credentials.provider.class``',
    group: 'S3',
    width: 'LONG',
    displayName: 'AWS Secret Access Key',
    order: 6,
  },
  {
    name: 's3.compression.type',
    type: 'STRING',
    defaultValue: 'none',
    importance: 'LOW',
    documentation:
      'Compression type for files written to S3. Applied when using JsonFormat or ByteArrayFormat. Available values: none, gzip.',
    group: 'S3',
    width: 'LONG',
    displayName: 'Compression type',
    order: 13,
    validator: { kind: 'in', values: ['none', 'gzip'] },
    recommendedValues: ['none', 'gzip'],
  },
  {
    name: 'behavior.on.null.values',
    type: 'STRING',
    defaultValue: 'fail',
    importance: 'LOW',
    documentation:
      "How to handle records with a null value (i.e. Kafka tombstone records). Valid options are 'ignore', 'fail' and 'write'. Ignore would skip the tombstone record and fail would cause the connector task to throw an exception. In case of the write tombstone option, the connector redirects tombstone records to a separate directory mentioned in the config tombstone.encoded.partition. The storage of Kafka record keys is mandatory when this option is selected and the file for values is not generated for tombstone records.",
    group: 'S3',
    width: 'SHORT',
    displayName: 'Behavior for null-valued records',
    order: 20,
    validator: { kind: 'in', values: ['ignore', 'fail', 'write'], caseInsensitive: true },
  },
  {
    name: 'storage.class',
    type: 'CLASS',
    importance: 'HIGH',
    documentation: 'The underlying storage layer.',
    group: 'Storage',
    width: 'NONE',
    displayName: 'Storage Class',
    order: 1,
    knownClasses: ['io.confluent.connect.s3.storage.S3Storage'],
    recommendedValues: ['io.confluent.connect.s3.storage.S3Storage'],
  },
  {
    name: 'topics.dir',
    type: 'STRING',
    defaultValue: 'topics',
    importance: 'HIGH',
    documentation: 'Top level directory to store the data ingested from Kafka.',
    group: 'Storage',
    width: 'NONE',
    displayName: 'Topics directory',
    order: 2,
  },
  {
    name: 'store.url',
    type: 'STRING',
    defaultValue: null,
    importance: 'HIGH',
    documentation: "Store's connection URL, if applicable.",
    group: 'Storage',
    width: 'NONE',
    displayName: 'Store URL',
    order: 3,
  },
  {
    name: 'format.class',
    type: 'CLASS',
    importance: 'HIGH',
    documentation:
      'The format class to use when writing data to the store. Format classes implement the ``io.confluent.connect.storage.format.Format`` interface.',
    group: 'Connector',
    width: 'NONE',
    displayName: 'Format class',
    order: 1,
    knownClasses: FORMATS,
    recommendedValues: FORMATS,
  },
  {
    name: 'flush.size',
    type: 'INT',
    importance: 'HIGH',
    documentation: 'Number of records written to store before invoking file commits.',
    group: 'Connector',
    width: 'SHORT',
    displayName: 'Flush Size',
    order: 2,
    validator: { kind: 'atLeast', min: 1 },
  },
  {
    name: 'rotate.interval.ms',
    type: 'LONG',
    defaultValue: '-1',
    importance: 'HIGH',
    documentation:
      'The time interval in milliseconds to invoke file commits. You can configure this parameter so that the time interval is determined by using a timestamp extractor (for example, Kafka Record Time, Record Field, or Wall Clock extractor). When a record is processed, a timestamp is extracted using the timestamp extractor. If the timestamp is greater than the start of the commit interval plus rotate.interval.ms, the file is committed. This configuration is useful when you have to commit your data based on current server time, for example at the beginning of every hour. The default value ``-1`` indicates that this feature is disabled.',
    group: 'Connector',
    width: 'SHORT',
    displayName: 'Rotate Interval (ms)',
    order: 3,
  },
  {
    name: 'rotate.schedule.interval.ms',
    type: 'LONG',
    defaultValue: '-1',
    importance: 'MEDIUM',
    documentation:
      'The time interval in milliseconds to periodically invoke file commits. This configuration ensures that file commits are invoked at every configured interval. Time of commit will be adjusted to 00:00 of selected timezone. The commit will be performed at the scheduled time, regardless of the previous commit time or number of messages. This configuration is useful when you have to commit your data based on current server time, for example at the beginning of every hour. The default value ``-1`` indicates that this feature is disabled.',
    group: 'Connector',
    width: 'MEDIUM',
    displayName: 'Rotate Schedule Interval (ms)',
    order: 4,
  },
  {
    name: 'schema.compatibility',
    type: 'STRING',
    defaultValue: 'NONE',
    importance: 'HIGH',
    documentation:
      'The schema compatibility rule to use when the connector is observing schema changes. The supported configurations are NONE, BACKWARD, FORWARD and FULL.',
    group: 'Schema',
    width: 'SHORT',
    displayName: 'Schema Compatibility',
    order: 1,
    validator: { kind: 'in', values: ['NONE', 'BACKWARD', 'FORWARD', 'FULL'] },
    recommendedValues: ['NONE', 'BACKWARD', 'FORWARD', 'FULL'],
  },
  {
    name: 'partitioner.class',
    type: 'CLASS',
    defaultValue: `${STORAGE}.partitioner.DefaultPartitioner`,
    importance: 'HIGH',
    documentation:
      'The partitioner to use when writing data to the store. You can use ``DefaultPartitioner``, which preserves the Kafka partitions; ``FieldPartitioner``, which partitions the data to different directories according to the value of the partitioning field specified in ``partition.field.name``; ``TimeBasedPartitioner``, which partitions data according to ingestion time.',
    group: 'Partitioner',
    width: 'LONG',
    displayName: 'Partitioner Class',
    dependents: ['partition.field.name', 'partition.duration.ms', 'path.format', 'locale', 'timezone'],
    order: 1,
    knownClasses: PARTITIONERS,
    recommendedValues: PARTITIONERS,
  },
  {
    name: 'path.format',
    type: 'STRING',
    defaultValue: '',
    importance: 'MEDIUM',
    documentation:
      "This configuration is used to set the format of the data directories when partitioning with ``TimeBasedPartitioner``. The format set in this configuration converts the Unix timestamp to proper directories strings. For example, if you set ``path.format='year'=YYYY/'month'=MM/'day'=dd/'hour'=HH``, the data directories will have the format ``/year=2015/month=12/day=07/hour=15/``.",
    group: 'Partitioner',
    width: 'LONG',
    displayName: 'Path Format',
    order: 3,
  },
  {
    name: 'partition.duration.ms',
    type: 'LONG',
    defaultValue: '-1',
    importance: 'MEDIUM',
    documentation:
      'The duration of a partition milliseconds used by ``TimeBasedPartitioner``. The default value -1 means that we are not using ``TimeBasedPartitioner``.',
    group: 'Partitioner',
    width: 'LONG',
    displayName: 'Partition Duration (ms)',
    order: 4,
  },
  {
    name: 'locale',
    type: 'STRING',
    defaultValue: '',
    importance: 'MEDIUM',
    documentation:
      'The locale to use when partitioning with ``TimeBasedPartitioner``. Used to format dates and times. For example, use ``en-US`` for US English, ``en-GB`` for UK English, ``fr-FR`` for French (in France). These may vary by Java version. See the `available locales <http://www.localeplanet.com/java/>`__.',
    group: 'Partitioner',
    width: 'LONG',
    displayName: 'Locale',
    order: 5,
  },
  {
    name: 'timezone',
    type: 'STRING',
    defaultValue: '',
    importance: 'MEDIUM',
    documentation:
      'The timezone to use when partitioning with ``TimeBasedPartitioner``. Used to format and compute dates and times. All timezone IDs must be specified in the long format, such as ``America/Los_Angeles``, ``America/New_York``, and ``Europe/Paris``, or ``UTC``. Alternatively a formatted UTC offset (such as ``GMT+02:00``) may be used.',
    group: 'Partitioner',
    width: 'LONG',
    displayName: 'Timezone',
    order: 6,
  },
];

/** Buckets the emulator treats as not existing. */
function missingBucket(bucket: string | undefined): bucket is string {
  return /nonexistent|missing/i.test(bucket ?? '');
}

export function s3SinkPlugin(): PluginDef {
  return {
    className: 'io.confluent.connect.s3.S3SinkConnector',
    type: 'sink',
    version: '10.5.17',
    location: `${PLUGIN_PATH_URL}confluentinc-kafka-connect-s3/`,
    configDefs: CONFIG_DEFS,
    taskClass: 'io.confluent.connect.s3.S3SinkTask',
    taskCount: tasksMax,
    topics: sinkTopics,
    initialOffsets: (config) => sinkOffsets(config, 3),
    failure: (config) => {
      const bucket = config['s3.bucket.name']?.trim();
      return missingBucket(bucket) ? { taskTrace: s3MissingBucketTrace(bucket) } : undefined;
    },
  };
}
