import type { ReactNode } from 'react';
import type { Route } from '../app-state.js';
import { EditorView } from '../editor/EditorView.js';
import { ClusterView } from './ClusterView.js';
import { ConfigView } from './ConfigView.js';
import { ConnectorsView } from './ConnectorsView.js';
import { ConnectorView } from './ConnectorView.js';
import { HelpView } from './HelpView.js';
import { PluginsView, PluginView } from './PluginsView.js';
import { TopicMapView, TopicsView } from './TopicsView.js';
import { LoggersView } from './LoggersView.js';
import { OffsetsView } from './OffsetsView.js';
import { TraceView } from './TraceView.js';
import { WorkersView, WorkerView } from './WorkersView.js';

export function ViewSwitch({
  route,
  width,
  height,
}: {
  route: Route;
  width: number;
  height: number;
}): ReactNode {
  switch (route.view) {
    case 'connectors':
      return <ConnectorsView width={width} height={height} />;
    case 'connector':
      return <ConnectorView key={route.name} name={route.name} width={width} height={height} />;
    case 'trace':
      return (
        <TraceView
          key={`${route.name}/${route.task}`}
          name={route.name}
          task={route.task}
          width={width}
          height={height}
        />
      );
    case 'config':
      return <ConfigView name={route.name} height={height} />;
    case 'help':
      return <HelpView of={route.of} height={height} />;
    case 'cluster':
      return <ClusterView height={height} width={width} />;
    case 'plugins':
      return <PluginsView height={height} width={width} />;
    case 'plugin':
      return <PluginView className={route.className} height={height} />;
    case 'topics':
      return <TopicsView name={route.name} height={height} />;
    case 'topicMap':
      return <TopicMapView height={height} width={width} />;
    case 'workers':
      return <WorkersView height={height} width={width} />;
    case 'editor':
      return <EditorView start={route.start} width={width} height={height} />;
    case 'offsets':
      return <OffsetsView key={route.name} name={route.name} width={width} height={height} />;
    case 'loggers':
      return <LoggersView height={height} width={width} />;
    case 'worker':
      return <WorkerView key={route.id} id={route.id} height={height} width={width} />;
  }
}
