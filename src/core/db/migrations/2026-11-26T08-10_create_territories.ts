import type { Kysely } from 'kysely'
import { binaryTextType } from '../dialect.js'

/**
 * The official geography (communes, EPCI, EPT, départements, régions), the direct links between levels,
 * a closure table ("everything inside") and the search terms.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('territories')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('subtype', 'text')
    .addColumn('siren', 'text')
    .addColumn('population', 'integer')
    .addColumn('departement_code', 'text')
    .addColumn('region_code', 'text')
    .addColumn('zone', 'text', (c) => c.notNull())
    .addColumn('postal_codes', 'text')
    .addColumn('chef_lieu_code', 'text')
    .execute()
  await db.schema
    .createIndex('territories_kind_code_uq')
    .on('territories')
    .columns(['kind', 'code'])
    .unique()
    .execute()
  await db.schema.createIndex('territories_siren_idx').on('territories').column('siren').execute()

  await db.schema
    .createTable('territory_links')
    .addColumn('child_id', 'text', (c) => c.notNull().references('territories.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.notNull().references('territories.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('territory_links_pk', ['child_id', 'parent_id'])
    .execute()
  await db.schema
    .createIndex('territory_links_parent_idx')
    .on('territory_links')
    .columns(['parent_id', 'child_id'])
    .execute()

  await db.schema
    .createTable('territory_closure')
    .addColumn('ancestor_id', 'text', (c) =>
      c.notNull().references('territories.id').onDelete('cascade'),
    )
    .addColumn('descendant_id', 'text', (c) =>
      c.notNull().references('territories.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('territory_closure_pk', ['ancestor_id', 'descendant_id'])
    .execute()
  await db.schema
    .createIndex('territory_closure_descendant_idx')
    .on('territory_closure')
    .columns(['descendant_id', 'ancestor_id'])
    .execute()

  await db.schema
    .createTable('territory_search_terms')
    .addColumn('term', binaryTextType(db), (c) => c.notNull())
    .addColumn('territory_id', 'text', (c) =>
      c.notNull().references('territories.id').onDelete('cascade'),
    )
    .addColumn('tier', 'integer', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('territory_search_terms_pk', ['term', 'territory_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('territory_search_terms').execute()
  await db.schema.dropTable('territory_closure').execute()
  await db.schema.dropTable('territory_links').execute()
  await db.schema.dropTable('territories').execute()
}
