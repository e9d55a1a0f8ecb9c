/** A valid FileStream source config, shared by the client and emulator tests. */
export const FILE_SOURCE = {
  'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
  'tasks.max': '1',
  file: '/tmp/in.txt',
  topic: 'lines',
};
