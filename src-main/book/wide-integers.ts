import {
  OperationNodeTransformer,
  type DataTypeNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/** Every `integer` column as `bigint`. */
class WideIntegers extends OperationNodeTransformer {
  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    return node.dataType === 'integer' ? { ...node, dataType: 'bigint' } : node;
  }
}

/**
 * The migrations' `integer` columns made `bigint` on PostgreSQL. SQLite's integer holds 64 bits and
 * the book counts money in minor units (a large invoice in fils passes 2^31); PostgreSQL's holds 32.
 */
export class WideIntegersPlugin implements KyselyPlugin {
  private readonly transformer = new WideIntegers();

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(node);
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}
