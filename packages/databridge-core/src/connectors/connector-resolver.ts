import type { Connection } from '../model/connection.js';
import type { Connector } from './connector.js';

/**
 * Gives the sync engine the connector for a connection (opening its sealed tokens as needed). The engine calls it
 * once per run and end of a profile.
 */
export type ConnectorResolver = (connection: Connection) => Connector | Promise<Connector>;
