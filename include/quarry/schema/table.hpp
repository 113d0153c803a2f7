// Declaring tables in C++: QUARRY_TABLE ties a plain row struct to a table
// object whose members are typed columns, records each column's constraints
// into a TableSchema, and lets foreign-key columns be traversed with ->.
//
//   struct Band { std::int64_t id{}; std::string name; std::int64_t manager{}; };
//   QUARRY_TABLE(Band, band, (id, primary_key), (name, varchar(50), unique),
//                (manager, references(manager.id).on_delete(cascade)));
//   select(band.name, band.manager->name)   // LEFT JOIN through the key
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <quarry/detail/preprocessor.hpp>
#include <quarry/query/expression.hpp>
#include <quarry/schema/schema.hpp>
#include <quarry/sql/compiler.hpp>

namespace quarry {

namespace detail {

/// Holds a table object reached through a foreign key, so that `->` can
/// chain: `concert.band_1->manager->name`.
template <class Table>
struct Arrow {
  Table table;
  const Table* operator->() const noexcept { return &table; }
};

template <class Table, class T>
struct References;

}  // namespace detail

namespace detail {
/// fk_probe(constraints...) has the type "pointer to the referenced table
/// type" (void* when no constraint is a foreign key). Only used in decltype.
template <class... Xs>
constexpr auto fk_probe(const Xs&...);
}  // namespace detail

namespace detail {

/// What a column is at run time: its table's and its own name, and the
/// foreign-key path it was reached through.
class ColumnData {
 public:
  constexpr ColumnData(std::string_view table, std::string_view name, const sql::JoinPath* path,
                       bool decimal) noexcept
      : table_(table), name_(name), path_(path), decimal_(decimal) {}
  constexpr std::string_view name() const noexcept { return name_; }
  constexpr const sql::JoinPath* path() const noexcept { return path_; }
  sql::Expr to_expr() const { return sql::column(table_, name_, path_, decimal_); }

 private:
  std::string_view table_;
  std::string_view name_;
  const sql::JoinPath* path_;
  bool decimal_;
};

/// The expression side of a column of type T, shared by every such column
/// of every table: the operations and operators are instantiated per T.
template <class T>
class TypedColumn : public ColumnData, public ExprOps<TypedColumn<T>, T> {
 public:
  using ColumnData::ColumnData;
  using ColumnData::to_expr;
};

}  // namespace detail

/// What Column::operator-> finds for a column declared without constraints,
/// which QUARRY_TABLE gives no quarry_fk_target of its own: not a foreign
/// key. (Only used in decltype; a table's own overloads, found by
/// argument-dependent lookup on the tag, are preferred as non-templates.)
template <class Tag>
void* quarry_fk_target(Tag);

/// A column of table `Table` holding C++ type T. `Tag` identifies the column
/// so that its foreign-key target, declared after the table, can be found.
template <class Table, class T, class Tag = void>
class Column : public detail::TypedColumn<T> {
 public:
  static_assert(detail::supported_type<T>,
                "quarry: this member's C++ type has no SQL mapping (see docs/declaring-tables.md)");
  using table_type = Table;

  constexpr Column(std::string_view name, const sql::JoinPath* path) noexcept
      : detail::TypedColumn<T>(Table::sql_name, name, path,
                               std::is_same_v<unwrap_optional_t<T>, Decimal>) {}

  /// Follows the foreign key: the referenced table, joined on demand.
  auto operator->() const {
    using Target = std::remove_pointer_t<decltype(quarry_fk_target(Tag{}))>;
    static_assert(!std::is_void_v<Target>,
                  "quarry: -> follows a foreign key, and this column is not one");
    const auto& target_pk = Target::quarry_schema().primary_key;
    std::string_view target_column =
        target_pk.empty() ? std::string_view("id") : std::string_view(target_pk[0]);
    const std::string_view name = this->name();
    const sql::JoinPath* path = this->path();
    for (const auto& fk : Table::quarry_schema().foreign_keys) {
      if (fk.columns.size() == 1 && fk.columns[0] == name) target_column = fk.ref_columns[0];
    }
    std::string_view root = path ? std::string_view(path->root_table) : Table::sql_name;
    const sql::JoinPath* next =
        sql::intern_join_path(path, root, name, Target::sql_name, target_column);
    return detail::Arrow<Target>{Target(next)};
  }
};

// --- Column constraints --------------------------------------------------

inline constexpr ReferentialAction no_action = ReferentialAction::no_action;
inline constexpr ReferentialAction restrict = ReferentialAction::restrict;
inline constexpr ReferentialAction cascade = ReferentialAction::cascade;
inline constexpr ReferentialAction set_null = ReferentialAction::set_null;
inline constexpr ReferentialAction set_default = ReferentialAction::set_default;

namespace detail {

struct PrimaryKeyTag {
  /// primary_key(t.a, t.b): a composite primary key (QUARRY_TABLE_CONSTRAINTS).
  template <class... Cols>
  std::vector<std::string> operator()(const Cols&... cols) const {
    return {std::string(cols.name())...};
  }
};
struct UniqueColumns {
  std::vector<std::string> columns;
  std::string name;
  /// unique(a, b).named("band_name_key"): the constraint's name, when not the default.
  UniqueColumns named(std::string constraint_name) const {
    UniqueColumns u = *this;
    u.name = std::move(constraint_name);
    return u;
  }
};
struct UniqueTag {
  template <class... Cols>
  UniqueColumns operator()(const Cols&... cols) const {
    return {{std::string(cols.name())...}, {}};
  }
};
struct IndexColumns {
  std::vector<std::string> columns;
  bool unique = false;
  std::vector<std::string> expressions;       ///< an expression index: each key as SQL text
  std::string condition;                      ///< a partial index's WHERE, as SQL text
  std::string name;                           ///< empty: ix_<table>_<columns>
  std::string access_method;                  ///< empty: the default (btree)
  std::vector<std::string> operator_classes;  ///< per key; "" = the type's default
  /// index(t.a).where("\"a\" > 0"): a partial index.
  IndexColumns where(std::string sql_condition) const {
    IndexColumns i = *this;
    i.condition = std::move(sql_condition);
    return i;
  }
  IndexColumns named(std::string index_name) const {
    IndexColumns i = *this;
    i.name = std::move(index_name);
    return i;
  }
  /// index(t.tags).method("gin"): PostgreSQL's USING gin (gist, brin, hash, ...).
  IndexColumns method(std::string access_method_name) const {
    IndexColumns i = *this;
    i.access_method = std::move(access_method_name);
    return i;
  }
  /// index(t.name).opclasses({"text_pattern_ops"}): an operator class per
  /// key, "" for a key that keeps its type's default (PostgreSQL).
  IndexColumns opclasses(std::vector<std::string> classes) const {
    IndexColumns i = *this;
    i.operator_classes = std::move(classes);
    return i;
  }
};
struct IndexTag {
  template <class... Cols>
  IndexColumns operator()(const Cols&... cols) const {
    return {{std::string(cols.name())...}, false, {}, {}, {}, {}, {}};
  }
};
struct UniqueIndexTag {
  template <class... Cols>
  IndexColumns operator()(const Cols&... cols) const {
    return {{std::string(cols.name())...}, true, {}, {}, {}, {}, {}};
  }
};
struct RawType {
  std::string sql;
};
struct TableComment {
  std::string text;
};
struct ViewSpec {
  std::string sql;
};
struct SchemaName {
  std::string name;
};
/// foreign_key(t.a, t.b).references(u.x, u.y): a table-level (composite) foreign key.
struct ForeignKeySpec {
  ForeignKey key;
  template <class... Cols>
  ForeignKeySpec references(const Cols&... cols) const {
    static_assert(sizeof...(Cols) > 0, "quarry: references(...) needs the referenced columns");
    ForeignKeySpec f = *this;
    f.key.ref_table = first_table_name(cols...);
    f.key.ref_columns = {std::string(cols.name())...};
    return f;
  }
  ForeignKeySpec on_delete(ReferentialAction a) const {
    ForeignKeySpec f = *this;
    f.key.on_delete = a;
    return f;
  }
  ForeignKeySpec on_update(ReferentialAction a) const {
    ForeignKeySpec f = *this;
    f.key.on_update = a;
    return f;
  }
  ForeignKeySpec deferrable(bool initially_deferred = false) const {
    ForeignKeySpec f = *this;
    f.key.deferrable = true;
    f.key.initially_deferred = initially_deferred;
    return f;
  }
  ForeignKeySpec named(std::string constraint_name) const {
    ForeignKeySpec f = *this;
    f.key.name = std::move(constraint_name);
    return f;
  }
  /// .in_schema("sales"): the referenced table lives in that namespace.
  ForeignKeySpec in_schema(std::string ref_schema) const {
    ForeignKeySpec f = *this;
    f.key.ref_schema = std::move(ref_schema);
    return f;
  }

 private:
  template <class Col, class... Cols>
  static std::string_view first_table_name(const Col&, const Cols&...) {
    return Col::table_type::sql_name;
  }
};
struct ForeignKeyTag {
  template <class... Cols>
  ForeignKeySpec operator()(const Cols&... cols) const {
    ForeignKeySpec f;
    f.key.columns = {std::string(cols.name())...};
    return f;
  }
};
struct Varchar {
  int length;
};
struct Numeric {
  int precision, scale;
};
struct DefaultValue {
  Value value;
  bool is_bool = false;
};
struct DefaultSql {
  std::string sql;
};
struct Comment {
  std::string text;
};
struct JsonStorage {
  bool plain_json;
};
struct CheckSpec {
  std::string name;
  sql::Expr condition;
  std::string sql;  ///< check_sql: the condition as SQL text (then `condition` is unused)
};

template <class Table, class T>
struct References {
  std::string_view column;
  ReferentialAction delete_action = ReferentialAction::no_action;
  ReferentialAction update_action = ReferentialAction::no_action;
  bool is_deferrable = false;
  bool is_initially_deferred = false;
  std::string_view name;        ///< empty: <table>_<column>_fkey
  std::string_view ref_schema;  ///< the referenced table's namespace; empty: the default
  /// DEFERRABLE, and INITIALLY DEFERRED when asked: checked at commit.
  constexpr References deferrable(bool initially_deferred = false) const {
    References r = *this;
    r.is_deferrable = true;
    r.is_initially_deferred = initially_deferred;
    return r;
  }
  constexpr References named(std::string_view constraint_name) const {
    References r = *this;
    r.name = constraint_name;
    return r;
  }
  /// references(region.id).in_schema("sales"): the referenced table lives in
  /// that namespace (PostgreSQL), as its in_schema(...) says.
  constexpr References in_schema(std::string_view schema_name) const {
    References r = *this;
    r.ref_schema = schema_name;
    return r;
  }
  constexpr References on_delete(ReferentialAction a) const {
    References r = *this;
    r.delete_action = a;
    return r;
  }
  constexpr References on_update(ReferentialAction a) const {
    References r = *this;
    r.update_action = a;
    return r;
  }
};

// fk_target(constraints...) names the referenced table type (void if none).
template <class X>
struct fk_target_of {
  using type = void;
};
template <class Table, class T>
struct fk_target_of<References<Table, T>> {
  using type = Table;
};
template <class... Xs>
struct first_fk_target {
  using type = void;
};
template <class X, class... Xs>
struct first_fk_target<X, Xs...> {
  using type =
      std::conditional_t<!std::is_void_v<typename fk_target_of<X>::type>,
                         typename fk_target_of<X>::type, typename first_fk_target<Xs...>::type>;
};
template <class... Xs>
using fk_target_t = typename first_fk_target<std::remove_cvref_t<Xs>...>::type;

template <class... Xs>
constexpr auto fk_probe(const Xs&...) {
  return static_cast<fk_target_t<Xs...>*>(nullptr);
}

class TableBuilder;

/// What a column's schema takes from its C++ type: one per member type,
/// shared by every table with such a member.
struct ColumnType {
  SqlType (*sql_type)();
  bool nullable;
  bool integral;  ///< an integer (not bool): primary_key makes it auto-increment
};
template <class T>
inline constexpr ColumnType column_type{
    &sql_type_of<T>, is_optional_v<T>,
    std::is_integral_v<unwrap_optional_t<T>> && !std::is_same_v<unwrap_optional_t<T>, bool>};

/// One constraint written after a column in QUARRY_TABLE, seen through the
/// function that applies it: QUARRY_TABLE's column list then calls one
/// non-template TableBuilder::column per column, and the work per
/// constraint type is instantiated once per translation unit, not per
/// table. It refers to the constraint, a temporary that lives until the
/// column is added.
class ColumnOption {
 public:
  template <class X>
  requires(!std::is_same_v<X, ColumnOption>)
      [[gnu::always_inline]] ColumnOption(const X& constraint) noexcept
      : constraint_(&constraint), apply_(&apply_constraint<X>) {}
  void apply(TableBuilder& builder, ColumnSchema& c, bool integral) const {
    apply_(builder, c, constraint_, integral);
  }

 private:
  template <class X>
  static void apply_constraint(TableBuilder& builder, ColumnSchema& c, const void* constraint,
                               bool integral);

  const void* constraint_;
  void (*apply_)(TableBuilder&, ColumnSchema&, const void*, bool);
};

/// Builds a TableSchema from the column declarations of QUARRY_TABLE. What
/// does not depend on a column's type is out of line (src/schema/
/// table_builder.cpp), so that a translation unit does not instantiate the
/// schema's vectors.
class TableBuilder {
 public:
  explicit TableBuilder(std::string_view name);
  TableBuilder(const TableBuilder&) = delete;
  TableBuilder& operator=(const TableBuilder&) = delete;
  ~TableBuilder();

  template <class T, class... Constraints>
  void column(std::string_view name, const Constraints&... constraints) {
    column(name, column_type<T>, {ColumnOption(constraints)...});
  }
  /// What QUARRY_TABLE calls: out of line, the same for every table.
  void column(std::string_view name, const ColumnType& type,
              std::initializer_list<ColumnOption> constraints);

  void add(std::vector<std::string> primary_key);  // composite primary key
  void add(UniqueColumns unique);
  void add(IndexColumns index);
  void add(CheckSpec check);
  void add(ForeignKeySpec foreign_key);
  void add(TableComment comment);
  void add(ViewSpec view);
  void add(SchemaName schema);

  TableSchema build();
  /// The built schema, kept until the program exits (a model's schema).
  const TableSchema& keep();

 private:
  ColumnSchema& add_column(std::string_view name, SqlType type, bool nullable);
  void apply(ColumnSchema& c, PrimaryKeyTag, bool integral);
  void apply(ColumnSchema& c, UniqueTag, bool integral);
  void apply(ColumnSchema& c, IndexTag, bool integral);
  void apply(ColumnSchema& c, Varchar v, bool integral);
  void apply(ColumnSchema& c, Numeric n, bool integral);
  void apply(ColumnSchema& c, const DefaultValue& d, bool integral);
  void apply(ColumnSchema& c, const DefaultSql& d, bool integral);
  void apply(ColumnSchema& c, const Comment& d, bool integral);
  void apply(ColumnSchema& c, const RawType& r, bool integral);
  void apply(ColumnSchema& c, JsonStorage j, bool integral);
  /// What a References says besides its target, which does not depend on types.
  struct KeyOptions {
    ReferentialAction delete_action, update_action;
    bool is_deferrable, is_initially_deferred;
    std::string_view name, ref_schema;
  };
  template <class Table, class T>
  [[gnu::always_inline]] void apply(ColumnSchema& c, const References<Table, T>& r, bool) {
    add_foreign_key(c.name, Table::sql_name, r.column,
                    KeyOptions{r.delete_action, r.update_action, r.is_deferrable,
                               r.is_initially_deferred, r.name, r.ref_schema});
  }
  void add_foreign_key(std::string_view column, std::string_view ref_table,
                       std::string_view ref_column, const KeyOptions& options);

  friend class ColumnOption;  // its apply_constraint<X> calls apply

  TableSchema table_;
};

template <class X>
void ColumnOption::apply_constraint(TableBuilder& builder, ColumnSchema& c, const void* constraint,
                                    bool integral) {
  builder.apply(c, *static_cast<const X*>(constraint), integral);
}

}  // namespace detail

/// Found by ordinary lookup for a table (QUARRY_VIEW declares the overload
/// that says a model is read-only).
constexpr bool quarry_read_only(const void*) noexcept {
  return false;
}

/// Found by ordinary lookup when a table has no QUARRY_TABLE_CONSTRAINTS.
inline void quarry_table_constraints(const void*, detail::TableBuilder&) {}

namespace detail {
/// Adds a model's columns (the quarry_columns_of QUARRY_TABLE writes), then
/// the table-level constraints of QUARRY_TABLE_CONSTRAINTS. The calls are
/// dependent on T so that argument-dependent lookup sees constraints
/// declared after the table.
template <class T>
void define_table(TableBuilder& builder) {
  quarry_columns_of(static_cast<const T*>(nullptr), builder);
  quarry_table_constraints(static_cast<const T*>(nullptr), builder);
}
/// Builds a model's schema with `define` (a define_table<T>) and keeps it
/// until the program exits; out of line, the same for every table.
const TableSchema& build_schema(std::string_view name, void (*define)(TableBuilder&));
}  // namespace detail

/// Column constraints, written after the column name in QUARRY_TABLE.
inline constexpr detail::PrimaryKeyTag primary_key{};  ///< an integer key auto-increments
inline constexpr detail::UniqueTag unique{};
inline constexpr detail::IndexTag index{};
/// The same as index. Inside QUARRY_TABLE and QUARRY_TABLE_CONSTRAINTS an
/// unqualified `index` means quarry::index; in a user's own code, with
/// `using namespace quarry` at global scope, `index` is ambiguous with the C
/// library's ::index() from <strings.h>, and `indexed` is not.
inline constexpr detail::IndexTag indexed{};
constexpr detail::Varchar varchar(int length) {
  return {length};
}
constexpr detail::Numeric numeric(int precision, int scale) {
  return {precision, scale};
}
template <class V>
detail::DefaultValue default_(const V& v) {
  return {detail::literal_value(v), std::is_same_v<V, bool>};
}
inline detail::DefaultSql default_sql(std::string sql) {
  return {std::move(sql)};
}
inline detail::Comment comment(std::string text) {
  return {std::move(text)};
}
/// A quarry::Json column stored as PostgreSQL's JSONB (the default: parsed,
/// indexable) or as JSON (plain_json: the document's text as written, key
/// order and duplicates kept). SQLite stores both as text.
inline constexpr detail::JsonStorage jsonb{false};
inline constexpr detail::JsonStorage plain_json{true};
/// A column whose SQL type Quarry does not map ("tsvector", "int4range"): kept
/// as written in the DDL; the member is a std::string holding its text form.
inline detail::RawType raw_type(std::string sql_type) {
  return {std::move(sql_type)};
}
/// A unique index (QUARRY_TABLE_CONSTRAINTS); see also unique(...), a constraint.
inline constexpr detail::UniqueIndexTag unique_index{};
/// An index over SQL expressions: expression_index({"lower(\"name\")"}).
inline detail::IndexColumns expression_index(std::vector<std::string> expressions,
                                             bool unique = false) {
  return {{}, unique, std::move(expressions), {}, {}, {}, {}};
}
/// foreign_key(t.a, t.b).references(u.x, u.y): a composite foreign key.
inline constexpr detail::ForeignKeyTag foreign_key{};
/// The table's comment (QUARRY_TABLE_CONSTRAINTS).
inline detail::TableComment table_comment(std::string text) {
  return {std::move(text)};
}
/// Declares the table a view over `select_sql` (QUARRY_TABLE_CONSTRAINTS):
/// create_tables creates it with CREATE VIEW, and nothing writes to it.
inline detail::ViewSpec view(std::string select_sql) {
  return {std::move(select_sql)};
}
/// The namespace (PostgreSQL schema) the table lives in (QUARRY_TABLE_CONSTRAINTS).
inline detail::SchemaName in_schema(std::string name) {
  return {std::move(name)};
}
/// A foreign key to `target` (a column of a previously declared table).
template <class Table, class T, class Tag>
[[gnu::always_inline]] constexpr detail::References<Table, T> references(
    const Column<Table, T, Tag>& target) {
  return {target.name(),
          ReferentialAction::no_action,
          ReferentialAction::no_action,
          false,
          false,
          {},
          {}};
}
/// A named CHECK constraint (QUARRY_TABLE_CONSTRAINTS).
inline detail::CheckSpec check(std::string name, const TypedExpr<bool>& condition) {
  return {std::move(name), condition.to_expr(), {}};
}
/// A named CHECK constraint written as SQL text (as reflection reads it back).
inline detail::CheckSpec check_sql(std::string name, std::string condition_sql) {
  return {std::move(name), {}, std::move(condition_sql)};
}

namespace detail {
/// A model table as the non-template code in src/ sees it: names, JSON
/// writers, schema, and the visit of a row struct's members.
struct ModelInfo {
  std::string_view sql_name;
  std::span<const std::string_view> column_names;
  const JsonWriter* json_writers;  ///< one per column
  const TableSchema& (*schema)();
  /// Calls the visitor with each member of `row` (a const Row*), in column order.
  void (*visit)(const void* row, MemberVisitor& visitor);
};
/// One per model table, made only where a query needs it.
template <class Table>
inline constexpr ModelInfo model_info{Table::sql_name, Table::quarry_column_names,
                                      Table::quarry_json_writers, &Table::quarry_schema,
                                      &Table::quarry_visit};
}  // namespace detail

/// The table objects QUARRY_TABLE declares derive from this.
template <class Self, class Row>
struct Table {
  using row_type = Row;
  using quarry_table_tag = void;
};

template <class T>
concept TableObject = requires {
  typename std::remove_cvref_t<T>::quarry_table_tag;
};

/// The Schema of some model tables: schema_of(manager, band, concert).
template <TableObject... Tables>
Schema schema_of(const Tables&...) {
  Schema schema;
  schema.tables = {std::remove_cvref_t<Tables>::quarry_schema()...};
  add_enum_types_of_columns(schema);  // QUARRY_DB_ENUM types, created before the tables
  return schema;
}

}  // namespace quarry

// --- The declaration macros ------------------------------------------------
//
// The column constraints are evaluated at namespace scope, after the table
// object exists: there `manager.id` names the table object `manager` and not
// the column member of the same name, and a table may reference itself.

// Opens the block scopes where constraints are written, so that their names
// are found in namespace quarry. `using namespace` alone is not enough: it
// makes quarry's names visible as if declared at global scope, where `index`
// is ambiguous with POSIX ::index from <strings.h> (and `unique` with
// std::unique under `using namespace std`). A block-scope using-declaration
// hides those. It is kept to these two names, which no table is likely to
// be called, so that a table named `comment` or `check` is still found.
// (GCC counts an unused block-scope using-declaration of a variable as an
// unused variable, hence the casts to void.)
#define QUARRY_DETAIL_CONSTRAINT_NAMES \
  using namespace ::quarry;            \
  using ::quarry::index;               \
  using ::quarry::unique;              \
  static_cast<void>(index), static_cast<void>(unique)

// QUARRY_TABLE counts its column entries once and rewrites each, once, into
// `(Row, identifier, "SQL name", constraints...)` (QUARRY_DETAIL_ENTRY): the
// passes that follow get those as the argument lists of their macros
// (QUARRY_PP_APPLY_<n>), with no counting, unpacking or IS_PAREN probing per
// pass. Preprocessing was 11 M instructions per 7-column table with a count
// and the probes in each of eight passes (bench/compile_time/README.md).
#define QUARRY_DETAIL_ENTRY(Row, entry) \
  QUARRY_PP_CALL(QUARRY_DETAIL_ENTRY_I, (Row, QUARRY_PP_UNPAREN entry))
#define QUARRY_DETAIL_ENTRY_I(Row, name, ...) \
  , (Row, QUARRY_PP_NAMES(name) __VA_OPT__(, ) __VA_ARGS__)

// The column's tag type (what its foreign-key target is found by) and its member.
#define QUARRY_DETAIL_COLUMN_MEMBER(Row, name, sql_name, ...) \
  struct quarry_tag_##name {};                                \
  ::quarry::Column<quarry_self, decltype(Row::name), quarry_tag_##name> name{sql_name, quarry_path};

// Only a column with constraints can be a foreign key; for the others
// Column::operator-> finds the quarry::quarry_fk_target fallback.
#define QUARRY_DETAIL_FK_TARGET(Row, name, sql_name, ...)                                    \
  __VA_OPT__(                                                                                \
      [[maybe_unused]] inline auto quarry_fk_target(Row##_quarry_table::quarry_tag_##name) { \
        QUARRY_DETAIL_CONSTRAINT_NAMES;                                                      \
        return ::quarry::detail::fk_probe(__VA_ARGS__);                                      \
      })

#define QUARRY_DETAIL_COLUMN_DEF(Row, name, sql_name, ...) \
  builder.column(sql_name, ::quarry::detail::column_type<decltype(Row::name)>, {__VA_ARGS__});

#define QUARRY_DETAIL_COLUMN_NAME(Row, name, sql_name, ...) std::string_view(sql_name),

#define QUARRY_DETAIL_JSON_WRITER(Row, name, sql_name, ...) \
  ::quarry::detail::json_writer<decltype(Row::name)>(),

// read_into decodes in place: a text column is assigned into the member's
// own string, never built as a temporary and moved.
#define QUARRY_DETAIL_READ_MEMBER(Row, name, sql_name, ...) \
  ::quarry::detail::read_into(quarry_reader, quarry_col++, quarry_out.name);

#define QUARRY_DETAIL_VISIT_MEMBER(Row, name, sql_name, ...) \
  quarry_visitor(quarry_column++, quarry_row.name);

/// Declares table `instance` (also its SQL name) for row struct `Row`, with
/// one `(member, constraints...)` entry per column, in the struct's order.
/// Constraint names are looked up in namespace quarry. Where the SQL name is
/// not a usable C++ name, write `(identifier, "SQL name")` in place of
/// `instance` or of `member`: `QUARRY_TABLE(Order, (order_, "order"),
/// ((class_, "class")), ...)`.
#define QUARRY_TABLE(Row, instance, ...) \
  QUARRY_DETAIL_TABLE_COUNTED(QUARRY_PP_COUNT_64(__VA_ARGS__), Row, instance, __VA_ARGS__)
// (QUARRY_PP_CALL: the commas between the rewritten entries separate
// QUARRY_DETAIL_TABLE_BODY's arguments only once they have been expanded.)
#define QUARRY_DETAIL_TABLE_COUNTED(n, Row, instance, ...)                            \
  QUARRY_PP_CALL(QUARRY_DETAIL_TABLE_BODY,                                            \
                 (QUARRY_PP_CAT(QUARRY_PP_APPLY_, n), Row, QUARRY_PP_IDENT(instance), \
                  QUARRY_PP_SQL_NAME(instance) QUARRY_PP_CAT(QUARRY_PP_FOR_EACH_, n)( \
                      QUARRY_DETAIL_ENTRY, Row, __VA_ARGS__)))
#define QUARRY_DETAIL_TABLE_BODY(apply, Row, instance, sql_instance, ...)                        \
  struct Row##_quarry_table;                                                                     \
  const ::quarry::TableSchema& quarry_schema_of(const Row##_quarry_table*);                      \
  struct Row##_quarry_table : ::quarry::Table<Row##_quarry_table, Row> {                         \
    using quarry_self = Row##_quarry_table;                                                      \
    static constexpr std::string_view sql_name = sql_instance;                                   \
    const ::quarry::sql::JoinPath* quarry_path = nullptr;                                        \
    apply(QUARRY_DETAIL_COLUMN_MEMBER, __VA_ARGS__) constexpr explicit Row                       \
        ##_quarry_table(const ::quarry::sql::JoinPath* path = nullptr) noexcept                  \
        : quarry_path(path) {}                                                                   \
    static constexpr std::string_view quarry_column_names[]{                                     \
        apply(QUARRY_DETAIL_COLUMN_NAME, __VA_ARGS__)};                                          \
    static constexpr ::quarry::detail::JsonWriter quarry_json_writers[]{                         \
        apply(QUARRY_DETAIL_JSON_WRITER, __VA_ARGS__)};                                          \
    /* Straight-line code, no templates per column: reads one row struct. */                     \
    static void quarry_read(const ::quarry::RowReader& quarry_reader, std::size_t& quarry_col,   \
                            Row& quarry_out) {                                                   \
      apply(QUARRY_DETAIL_READ_MEMBER, __VA_ARGS__)                                              \
    }                                                                                            \
    static void quarry_visit(const void* quarry_row_ptr,                                         \
                             ::quarry::detail::MemberVisitor& quarry_visitor) {                  \
      const Row& quarry_row = *static_cast<const Row*>(quarry_row_ptr);                          \
      std::size_t quarry_column = 0;                                                             \
      apply(QUARRY_DETAIL_VISIT_MEMBER, __VA_ARGS__)                                             \
    }                                                                                            \
    static const ::quarry::TableSchema& quarry_schema() {                                        \
      return quarry_schema_of(static_cast<const quarry_self*>(nullptr));                         \
    }                                                                                            \
  };                                                                                             \
  inline constexpr Row##_quarry_table instance{};                                                \
  [[maybe_unused]] inline constexpr const Row##_quarry_table* quarry_table_of(const Row*) {      \
    return nullptr;                                                                              \
  }                                                                                              \
  apply(QUARRY_DETAIL_FK_TARGET,                                                                 \
        __VA_ARGS__) /* The columns' schema: one non-template call per column (ColumnOption). */ \
      inline void                                                                                \
      quarry_columns_of(const Row##_quarry_table*, ::quarry::detail::TableBuilder& builder) {    \
    QUARRY_DETAIL_CONSTRAINT_NAMES;                                                              \
    apply(QUARRY_DETAIL_COLUMN_DEF, __VA_ARGS__)                                                 \
  }                                                                                              \
  inline const ::quarry::TableSchema& quarry_schema_of(const Row##_quarry_table*) {              \
    static const ::quarry::TableSchema& schema = ::quarry::detail::build_schema(                 \
        sql_instance, &::quarry::detail::define_table<Row##_quarry_table>);                      \
    return schema;                                                                               \
  }                                                                                              \
  static_assert(true, "")

/// QUARRY_VIEW is QUARRY_TABLE for a view: the same entries, and the model is
/// read-only (insert, update and delete_from on it do not compile). Its
/// definition goes in QUARRY_TABLE_CONSTRAINTS(instance, view("SELECT ...")).
#define QUARRY_VIEW(Row, instance, ...)                                                  \
  QUARRY_TABLE(Row, instance, __VA_ARGS__);                                              \
  [[maybe_unused]] constexpr bool quarry_read_only(const Row##_quarry_table*) noexcept { \
    return true;                                                                         \
  }                                                                                      \
  static_assert(true, "")

/// Table-level constraints, after the table's QUARRY_TABLE:
///   QUARRY_TABLE_CONSTRAINTS(ticket, primary_key(ticket.concert, ticket.seat),
///                            unique(ticket.a, ticket.b), index(ticket.c),
///                            check("ticket_price_positive", ticket.price > 0));
#define QUARRY_TABLE_CONSTRAINTS(instance, ...)                                        \
  inline void quarry_table_constraints(const std::remove_cvref_t<decltype(instance)>*, \
                                       ::quarry::detail::TableBuilder& builder) {      \
    QUARRY_DETAIL_CONSTRAINT_NAMES;                                                    \
    QUARRY_PP_FOR_EACH(QUARRY_DETAIL_TABLE_CONSTRAINT, _, __VA_ARGS__)                 \
  }                                                                                    \
  static_assert(true, "")
#define QUARRY_DETAIL_TABLE_CONSTRAINT(_, constraint) builder.add(constraint);
