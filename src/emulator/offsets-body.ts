// The body of `PATCH /connectors/{c}/offsets`: Jackson binding errors are 500s, the sink
// framework's own parsing errors are 400s (connect-rest-api.md §3.18).
import type { ConnectorOffset } from '../connect/types.js';
import { HttpError } from './http-error.js';
import { cannotDeserialize, describeToken, parseJsonBody, unrecognizedField } from './jackson-errors.js';

const OFFSETS = 'org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets';
const OFFSET = 'org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset';

export function parseOffsetsBody(text: string): ConnectorOffset[] {
  const body = parseJsonBody(text);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw cannotDeserialize(OFFSETS, describeToken(body));
  }
  for (const field of Object.keys(body)) {
    if (field !== 'offsets') throw unrecognizedField(field, OFFSETS, ['offsets']);
  }
  const offsets = (body as { offsets?: unknown }).offsets;
  if (offsets === undefined || offsets === null) return [];
  if (!Array.isArray(offsets))
    throw cannotDeserialize('java.util.ArrayList<ConnectorOffset>', describeToken(offsets));
  return offsets.map((entry) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      throw new HttpError(
        500,
        `Cannot construct instance of \`${OFFSET}\` (although at least one Creator exists): no int/Int-argument constructor/factory method to deserialize from Number value (${JSON.stringify(entry)})`,
      );
    }
    for (const field of Object.keys(entry)) {
      if (field !== 'partition' && field !== 'offset')
        throw unrecognizedField(field, OFFSET, ['partition', 'offset']);
    }
    const { partition, offset } = entry as { partition?: unknown; offset?: unknown };
    return {
      partition: (isObject(partition) ? partition : null) as Record<string, unknown>,
      offset: isObject(offset) ? offset : null,
    };
  });
}

/** SinkUtils.parseSinkConnectorOffsets: every partition names a topic and a partition number. */
export function validateSinkOffsets(entries: ConnectorOffset[]): void {
  for (const { partition, offset } of entries) {
    if (!partition)
      throw new HttpError(400, 'The partition for a sink connector offset cannot be null or missing');
    if (!('kafka_topic' in partition) || !('kafka_partition' in partition)) {
      throw new HttpError(
        400,
        "The partition for a sink connector offset must contain the keys 'kafka_topic' and 'kafka_partition'",
      );
    }
    if (typeof partition.kafka_topic !== 'string') {
      throw new HttpError(400, 'Kafka topic names must be valid strings and may not be null');
    }
    if (partition.kafka_partition === null) {
      throw new HttpError(400, 'Kafka partitions must be valid numbers and may not be null');
    }
    if (!isInteger(partition.kafka_partition)) {
      throw new HttpError(
        400,
        `Failed to parse the following Kafka partition value in the provided offsets: '${String(partition.kafka_partition)}'. Partition values for sink connectors need to be integers.`,
      );
    }
    if (offset === null) continue;
    if (!('kafka_offset' in offset)) {
      throw new HttpError(
        400,
        "The offset for a sink connector should either be null or contain the key 'kafka_offset'",
      );
    }
    if (!isInteger(offset.kafka_offset)) {
      throw new HttpError(
        400,
        `Failed to parse the following Kafka offset value in the provided offsets: '${String(offset.kafka_offset)}'. Offset values for sink connectors need to be integers.`,
      );
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Numbers or numeric strings, as Connect accepts both. */
function isInteger(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value);
  return typeof value === 'string' && /^-?\d+$/.test(value.trim());
}
