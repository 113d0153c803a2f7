// TableBuilder: turns the constraints written in QUARRY_TABLE and
// QUARRY_TABLE_CONSTRAINTS into a TableSchema, naming each constraint the
// way PostgreSQL would (band_name_key, band_manager_fkey, ...).
#include <quarry/schema/table.hpp>

#include <deque>
#include <mutex>

#include <fmt/format.h>

#include <quarry/error.hpp>
#include <quarry/sql/dialect.hpp>

namespace quarry::detail {

namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += '_';
    out += n;
  }
  return out;
}

}  // namespace

TableBuilder::TableBuilder(std::string_view name) {
  table_.name = name;
}

TableBuilder::~TableBuilder() = default;

ColumnSchema& TableBuilder::add_column(std::string_view name, SqlType type, bool nullable) {
  ColumnSchema& c = table_.columns.emplace_back();
  c.name = name;
  c.type = type;
  c.nullable = nullable;
  return c;
}

void TableBuilder::column(std::string_view name, const ColumnType& type,
                          std::initializer_list<ColumnOption> constraints) {
  ColumnSchema& c = add_column(name, type.sql_type(), type.nullable);
  for (const ColumnOption& constraint : constraints) constraint.apply(*this, c, type.integral);
}

const TableSchema& build_schema(std::string_view name, void (*define)(TableBuilder&)) {
  TableBuilder builder(name);
  define(builder);
  return builder.keep();
}

TableSchema TableBuilder::build() {
  return std::move(table_);
}

const TableSchema& TableBuilder::keep() {
  // Each model's schema is built once (a function-local static), perhaps
  // from several threads at once; they live until the program exits.
  static std::mutex mutex;
  static std::deque<TableSchema> kept;
  std::lock_guard lock(mutex);
  return kept.emplace_back(std::move(table_));
}

void TableBuilder::apply(ColumnSchema& c, PrimaryKeyTag, bool integral) {
  if (!table_.primary_key.empty()) {
    throw UsageError(
        fmt::format("table \"{}\" declares primary_key on both \"{}\" and \"{}\"; use "
                    "QUARRY_TABLE_CONSTRAINTS(..., primary_key(a, b)) for a composite key",
                    table_.name, table_.primary_key[0], c.name));
  }
  table_.primary_key = {c.name};
  c.auto_increment = integral;
}

void TableBuilder::apply(ColumnSchema& c, UniqueTag, bool) {
  table_.uniques.push_back({fmt::format("{}_{}_key", table_.name, c.name), {c.name}});
}

void TableBuilder::apply(ColumnSchema& c, IndexTag, bool) {
  Index index;
  index.name = fmt::format("ix_{}_{}", table_.name, c.name);
  index.columns = {c.name};
  table_.indexes.push_back(std::move(index));
}

void TableBuilder::apply(ColumnSchema& c, Varchar v, bool) {
  if (c.type.kind != TypeKind::text || v.length <= 0) {
    throw UsageError(fmt::format(
        "column \"{}\".\"{}\": varchar({}) needs a std::string member and a positive length",
        table_.name, c.name, v.length));
  }
  c.type.kind = TypeKind::varchar;
  c.type.length = v.length;
}

void TableBuilder::apply(ColumnSchema& c, Numeric n, bool) {
  if (c.type.kind != TypeKind::decimal) {
    throw UsageError(fmt::format(
        "column \"{}\".\"{}\": numeric(p, s) needs a quarry::Decimal member", table_.name, c.name));
  }
  c.type.precision = n.precision;
  c.type.scale = n.scale;
}

void TableBuilder::apply(ColumnSchema& c, const DefaultValue& d, bool) {
  if (d.value.is_array()) {
    // The literal differs by dialect ('{1,2}' or '[1,2]'), and this SQL is shared.
    throw UsageError(fmt::format(
        "column \"{}\".\"{}\": default_() does not take an array; write the dialect's literal "
        "with default_sql(), e.g. default_sql(\"'{{}}'\") on PostgreSQL",
        table_.name, c.name));
  }
  std::string sql;
  if (d.is_bool) {
    sql = d.value.as_int64() ? "TRUE" : "FALSE";
  } else {
    sql::append_literal(sql, d.value);
  }
  c.default_sql = std::move(sql);
}

void TableBuilder::apply(ColumnSchema& c, const DefaultSql& d, bool) {
  c.default_sql = d.sql;
}

void TableBuilder::apply(ColumnSchema& c, const Comment& d, bool) {
  c.comment = d.text;
}

void TableBuilder::apply(ColumnSchema& c, const RawType& r, bool) {
  if (c.type.kind != TypeKind::text || r.sql.empty()) {
    throw UsageError(fmt::format(
        "column \"{}\".\"{}\": raw_type(\"...\") needs a std::string member and a type name",
        table_.name, c.name));
  }
  c.type = SqlType{};
  c.type.kind = TypeKind::raw;
  c.type.type_name = r.sql;
}

void TableBuilder::apply(ColumnSchema& c, JsonStorage j, bool) {
  if (c.type.kind != TypeKind::json) {
    throw UsageError(
        fmt::format("column \"{}\".\"{}\": jsonb / plain_json need a quarry::Json member",
                    table_.name, c.name));
  }
  c.type.plain_json = j.plain_json;
}

void TableBuilder::add_foreign_key(std::string_view column, std::string_view ref_table,
                                   std::string_view ref_column, const KeyOptions& options) {
  ForeignKey fk;
  fk.name = options.name.empty() ? fmt::format("{}_{}_fkey", table_.name, column)
                                 : std::string(options.name);
  fk.deferrable = options.is_deferrable;
  fk.initially_deferred = options.is_initially_deferred;
  fk.columns = {std::string(column)};
  fk.ref_table = ref_table;
  fk.ref_columns = {std::string(ref_column)};
  fk.on_delete = options.delete_action;
  fk.on_update = options.update_action;
  fk.ref_schema = options.ref_schema;
  table_.foreign_keys.push_back(std::move(fk));
}

void TableBuilder::add(std::vector<std::string> primary_key) {
  for (const auto& c : table_.columns) {
    if (c.auto_increment) {
      throw UsageError(
          fmt::format("table \"{}\" has primary_key on column \"{}\" and a composite primary key",
                      table_.name, c.name));
    }
  }
  table_.primary_key = std::move(primary_key);
}

void TableBuilder::add(UniqueColumns unique) {
  if (unique.name.empty())
    unique.name = fmt::format("{}_{}_key", table_.name, joined(unique.columns));
  table_.uniques.push_back({std::move(unique.name), std::move(unique.columns)});
}

void TableBuilder::add(IndexColumns index) {
  if (index.columns.empty() && index.expressions.empty()) {
    throw UsageError(
        fmt::format("table \"{}\": an index needs columns or expressions", table_.name));
  }
  if (index.name.empty() && !index.expressions.empty()) {
    throw UsageError(fmt::format(
        "table \"{}\": an expression index needs a name: expression_index({{...}}).named(\"...\")",
        table_.name));
  }
  Index built;
  built.name = index.name.empty() ? fmt::format("ix_{}_{}", table_.name, joined(index.columns))
                                  : std::move(index.name);
  built.columns = std::move(index.columns);
  built.unique = index.unique;
  built.expressions = std::move(index.expressions);
  built.where = std::move(index.condition);
  built.method = std::move(index.access_method);
  built.opclasses = std::move(index.operator_classes);
  std::size_t keys = built.columns.size() + built.expressions.size();
  if (built.opclasses.size() > keys) {
    throw UsageError(fmt::format("table \"{}\": index \"{}\" has {} key(s) and {} operator classes",
                                 table_.name, built.name, keys, built.opclasses.size()));
  }
  // "" for every key is the same as no operator classes at all.
  while (!built.opclasses.empty() && built.opclasses.back().empty()) built.opclasses.pop_back();
  table_.indexes.push_back(std::move(built));
}

void TableBuilder::add(ForeignKeySpec foreign_key) {
  ForeignKey& fk = foreign_key.key;
  if (fk.columns.empty() || fk.columns.size() != fk.ref_columns.size()) {
    throw UsageError(
        fmt::format("table \"{}\": foreign_key({}) needs .references(...) with as many columns",
                    table_.name, joined(fk.columns)));
  }
  if (fk.name.empty()) fk.name = fmt::format("{}_{}_fkey", table_.name, joined(fk.columns));
  table_.foreign_keys.push_back(std::move(fk));
}

void TableBuilder::add(TableComment comment) {
  table_.comment = std::move(comment.text);
}

void TableBuilder::add(ViewSpec view) {
  table_.is_view = true;
  table_.view_sql = std::move(view.sql);
}

void TableBuilder::add(SchemaName schema) {
  table_.schema = std::move(schema.name);
}

void TableBuilder::add(CheckSpec check) {
  // Checks are stored as dialect-neutral SQL: both dialects quote with "" and
  // inline literals the same way.
  std::string condition = check.condition
                              ? sql::compile_inline(sql::sqlite_dialect(), check.condition)
                              : std::move(check.sql);
  table_.checks.push_back({std::move(check.name), std::move(condition)});
}

}  // namespace quarry::detail
