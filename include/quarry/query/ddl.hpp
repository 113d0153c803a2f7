// Creating and dropping the tables of a Schema, in dependency order, in one
// transaction: either every table is created or none is.
#pragma once

#include <quarry/driver/database.hpp>
#include <quarry/schema/schema.hpp>
#include <quarry/schema/table.hpp>

namespace quarry {

struct CreateOptions {
  bool if_not_exists = false;
};

/// CREATE TABLE for each table (referenced tables first) and its indexes,
/// after CREATE TYPE for the enum types they use (PostgreSQL).
Task<void> create_tables(Session& s, const Schema& schema, CreateOptions options = {});
void create_tables_sync(Session& s, const Schema& schema, CreateOptions options = {});
/// DROP TABLE for each table (referencing tables first), then DROP TYPE for
/// their enum types (PostgreSQL).
Task<void> drop_tables(Session& s, const Schema& schema, bool if_exists = false);
void drop_tables_sync(Session& s, const Schema& schema, bool if_exists = false);

}  // namespace quarry
