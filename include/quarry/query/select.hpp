// select(...): the typed SELECT builder. Items are columns, expressions, or
// whole tables (decoded into their row structs); results come back as typed
// rows, a flat list of values, one optional row, dynamic rows, or JSON
// written straight from the driver's buffers.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <quarry/driver/database.hpp>
#include <quarry/query/dynamic_row.hpp>
#include <quarry/query/expression.hpp>
#include <quarry/query/stream.hpp>
#include <quarry/schema/table.hpp>
#include <quarry/sql/compiler.hpp>

namespace quarry {

namespace detail {

/// The parts of a select the typed layer adds to, shared by every Select<...>.
/// Its special members are out of line (src/query/select.cpp), so that a
/// translation unit does not instantiate the statement's and the vectors' code.
struct SelectParts {
  SelectParts();
  SelectParts(const SelectParts&);
  SelectParts(SelectParts&&) noexcept;
  SelectParts& operator=(const SelectParts&);
  SelectParts& operator=(SelectParts&&) noexcept;
  ~SelectParts();

  std::shared_ptr<sql::SelectStmt> stmt;
  std::vector<std::string> keys;    // JSON and DynamicRow keys, "" = ask the driver
  std::vector<JsonWriter> writers;  // one per result column
};

/// The table a query reads from, guessed from its first column reference.
std::string_view infer_from(const sql::Expr& e);
std::string key_of(const sql::Expr& e);

// The Select's non-template work, done once per query in src/query/select.cpp.
// A coroutine (Task) starts only when awaited, maybe after the query that
// made it is gone: those that outlive their caller take what they read by
// value (SelectParts shares its statement); `stmt` and `sink` of run_select
// belong to the awaiting coroutine.
Task<void> run_select(Session& s, const sql::SelectStmt& stmt, std::uint32_t frozen_id,
                      RowSink& sink);
void run_select_sync(Session& s, const sql::SelectStmt& stmt, std::uint32_t frozen_id,
                     RowSink& sink);
/// Starts `stmt` as a stream of rows (Session::open_stream).
Task<std::unique_ptr<RowStream>> open_select_stream(Session& s,
                                                    std::shared_ptr<const sql::SelectStmt> stmt);
std::unique_ptr<RowStream> open_select_stream_sync(Session& s, const sql::SelectStmt& stmt);
Task<std::string> select_json(Session& s, SelectParts parts);
std::string select_json_sync(Session& s, const SelectParts& parts);
Task<std::vector<DynamicRow>> select_dynamic(Session& s, SelectParts parts);
std::vector<DynamicRow> select_dynamic_sync(Session& s, const SelectParts& parts);
std::shared_ptr<sql::SelectStmt> count_statement(const sql::SelectStmt& stmt);
std::shared_ptr<sql::SelectStmt> exists_statement(const sql::SelectStmt& stmt);
/// A copy of `stmt` (copy on write), and one with LIMIT n.
std::shared_ptr<sql::SelectStmt> copy_statement(const sql::SelectStmt& stmt);
std::shared_ptr<sql::SelectStmt> limited_statement(const sql::SelectStmt& stmt, std::int64_t n);
// count() and exists(): run `stmt`, made by count_statement or exists_statement,
// and read its one value, once here and not per Select<...>.
Task<std::int64_t> count_select(Session& s, std::shared_ptr<const sql::SelectStmt> stmt);
std::int64_t count_select_sync(Session& s, const sql::SelectStmt& stmt);
Task<bool> exists_select(Session& s, std::shared_ptr<const sql::SelectStmt> stmt);
bool exists_select_sync(Session& s, const sql::SelectStmt& stmt);
// The _sync runs of first(), count() and exists() of `stmt` itself: the
// statement each makes is a std::shared_ptr that the template would
// otherwise hold and destroy per row type.
void run_first_sync(Session& s, const sql::SelectStmt& stmt, RowSink& sink);
std::int64_t count_rows_sync(Session& s, const sql::SelectStmt& stmt);
bool any_rows_sync(Session& s, const sql::SelectStmt& stmt);
sql::OrderItem order_item(const sql::OrderItem& item);

// The building steps of Select<...>, out of line so that they compile once
// and not per row type. Each first copies the statement when another query
// shares it (copy on write: a query copied before a change keeps its own).
sql::SelectStmt& mutable_statement(SelectParts& p);
// The conditions are taken by reference: a typed condition hands its node
// over without a copy, so that where() has no temporary to destroy and can
// be always_inline (not emitted per row type).
void select_where(SelectParts& p, const sql::Expr& condition);  // ANDed to any earlier one
void select_having(SelectParts& p, const sql::Expr& condition);
void select_group_by(SelectParts& p, sql::Expr item);
void select_order_by(SelectParts& p, const sql::OrderItem& item);  // no copy in the caller
void select_order_by(SelectParts& p, sql::Expr item);              // ascending
void select_limit(SelectParts& p, std::int64_t n);
void select_offset(SelectParts& p, std::int64_t n);
void select_distinct(SelectParts& p);
void select_from(SelectParts& p, std::string_view table);
void select_join(SelectParts& p, sql::JoinKind kind, std::string_view table, sql::Expr on);
/// Sets FROM to the table of the first column that names one.
void infer_select_from(SelectParts& p);

[[gnu::always_inline]] inline void add_order_item(SelectParts& p, const sql::OrderItem& item) {
  select_order_by(p, item);
}
template <class D, class T>
void add_order_item(SelectParts& p, const ExprOps<D, T>& x) {
  select_order_by(p, expr_of(x));
}

template <class Row>
concept ModelRow = requires(const Row* r) {
  quarry_table_of(r);
};

template <class Row>
using table_of_t =
    std::remove_cvref_t<decltype(*quarry_table_of(static_cast<const Row*>(nullptr)))>;

// read_item and read_row only pick what to call: always_inline folds them
// into the sink's on_row at -O0 too (at -O2 they are inlined anyway).

/// Reads one select() item (a model row or a single value) into `out`.
template <class R>
[[gnu::always_inline]] inline void read_item(const RowReader& r, std::size_t& col, R& out) {
  if constexpr (ModelRow<R>) {
    table_of_t<R>::quarry_read(r, col, out);
  } else {
    read_into(r, col++, out);
  }
}

/// Decodes one row of a select of several items, or of one model row, into
/// `row` (a comma fold runs left to right, in column order).
template <class Row, std::size_t... I>
[[gnu::always_inline]] inline void read_items(const RowReader& r, Row& row,
                                              std::index_sequence<I...>) {
  std::size_t col = 0;
  (read_item(r, col, std::get<I>(row)), ...);
}
template <class Row, class... R>
[[gnu::always_inline]] inline void read_row(const RowReader& r, Row& row) {
  if constexpr (sizeof...(R) == 1) {
    std::size_t col = 0;
    read_item<R...>(r, col, row);
  } else {
    // No std::apply and lambda: two fewer functions per row type at -O0.
    read_items(r, row, std::index_sequence_for<R...>{});
  }
}

// The sinks a query decodes its rows with are not templates: a template
// sink class would emit its vtable, destructors and members once per row
// type in every unoptimised translation unit. Each row type adds one plain
// function instead (append_row, read_first_row), which the sink calls
// through a pointer: one indirect call per row, the decoding inlined in it.

/// What RowsSink calls: decodes `row` in place at the end of the
/// std::vector<Row> that `rows` points to (no temporary row to move), or,
/// when `row` is null, reserves room for `count` more rows.
template <class Row, class... R>
void append_row(void* rows, const RowReader* row, std::size_t count) {
  auto& out = *static_cast<std::vector<Row>*>(rows);
  if (!row) {
    out.reserve(out.size() + count);
    return;
  }
  const RowReader& r = *row;
  if constexpr (sizeof...(R) == 1 && !ModelRow<Row>) {
    // One plain value (and std::vector<bool>, which has no bool&): read,
    // then moved in; a text value is built in place from the cell, cheaper
    // than assigning it to a default string or moving a temporary.
    if constexpr (std::is_same_v<Row, std::string>) {
      out.emplace_back(read_text(r, 0));
    } else {
      out.push_back(read_value<Row>(r, 0));
    }
  } else {
    Row& decoded = out.emplace_back();
    try {
      read_row<Row, R...>(r, decoded);
    } catch (...) {
      out.pop_back();  // never leave a half-read row behind
      throw;
    }
  }
}

/// Decodes each row at the end of a std::vector, through append_row.
class RowsSink final : public RowSink {
 public:
  using Append = void (*)(void* rows, const RowReader* row, std::size_t count);
  template <class Row>
  [[gnu::always_inline]] RowsSink(std::vector<Row>& rows, Append append) noexcept
      : RowsSink(static_cast<void*>(&rows), append) {}
  // Inline, so that an optimised run constructs the sink in place; the
  // vtables are emitted in the library only (the key functions, RowSink's
  // expect_rows and this class's on_row, are out of line).
  [[gnu::always_inline]] RowsSink(void* rows, Append append) noexcept
      : rows_(rows), append_(append) {}
  [[gnu::always_inline]] ~RowsSink() override = default;
  void on_row(const RowReader& r) override;
  void expect_rows(std::size_t count) override;

 private:
  void* rows_;
  Append append_;
};

/// What FirstSink calls: decodes `r` into the std::optional<Row> that `row`
/// points to.
template <class Row, class... R>
void read_first_row(void* row, const RowReader& r) {
  auto& out = *static_cast<std::optional<Row>*>(row);
  if constexpr (sizeof...(R) == 1 && !ModelRow<Row>) {
    std::size_t col = 0;
    out.emplace(read_value<Row>(r, col));
  } else {
    Row& decoded = out.emplace();
    try {
      read_row<Row, R...>(r, decoded);
    } catch (...) {
      out.reset();  // never leave a half-read row behind
      throw;
    }
  }
}

/// Decodes the first row into a std::optional (first(): no vector of rows),
/// through read_first_row.
class FirstSink final : public RowSink {
 public:
  using Read = void (*)(void* row, const RowReader& r);
  template <class Row>
  [[gnu::always_inline]] FirstSink(std::optional<Row>& row, Read read) noexcept
      : FirstSink(static_cast<void*>(&row), read) {}
  [[gnu::always_inline]] FirstSink(void* row, Read read) noexcept  // as RowsSink's
      : row_(row), read_(read) {}
  [[gnu::always_inline]] ~FirstSink() override = default;
  void on_row(const RowReader& r) override;

 private:
  void* row_;
  Read read_;
  bool done_ = false;  // LIMIT 1: there is no other row
};

/// Decodes a stream's chunk into `out`, overwriting the last chunk's rows in
/// place (see ChunkSink).
template <class Row, class... R>
class StreamChunkSink final : public ChunkSink {
 public:
  explicit StreamChunkSink(std::vector<Row>& out) : out_(out) {}
  void on_row(const RowReader& r) override {
    if (count == out_.size()) {
      append_row<Row, R...>(&out_, &r, 0);
    } else if constexpr (sizeof...(R) == 1 && !ModelRow<Row>) {
      std::size_t col = 0;
      out_[count] = read_value<Row>(r, col);
    } else {
      try {
        read_row<Row, R...>(r, out_[count]);
      } catch (...) {
        out_.resize(count);  // neither a half-read row nor the last chunk's rows stay
        throw;
      }
    }
    ++count;
  }

 private:
  std::vector<Row>& out_;
};

// What one select() item adds: a column (its key and JSON writer with it),
// or every column of a model table.
void add_select_column(SelectParts& p, sql::Expr e, JsonWriter writer);
// A model table's columns, given by its names and JSON writers alone: its
// model_info would make the translation unit emit its schema builder and
// member visit, which reading rows does not need.
void add_model_columns(SelectParts& p, std::string_view sql_name,
                       const std::string_view* column_names, std::size_t count,
                       const JsonWriter* json_writers, const sql::JoinPath* path);

/// What one select() argument decodes to.
template <class X>
struct select_result {
  using type = typename X::value_type;
};
template <TableObject X>
struct select_result<X> {
  using type = typename X::row_type;
};

/// How one select() argument contributes columns: an expression taken as its
/// ExprOps base (once per value type, not per column), or a model table.
template <class D, class T>
void add_select_item(SelectParts& p, const ExprOps<D, T>& x) {
  add_select_column(p, expr_of(x), json_writer<T>());
}
template <TableObject X>
void add_select_item(SelectParts& p, const X& table) {
  add_model_columns(p, X::sql_name, X::quarry_column_names,
                    std::extent_v<decltype(X::quarry_column_names)>, X::quarry_json_writers,
                    table.quarry_path);
}

}  // namespace detail

template <TableObject Table>
class Objects;

/// A SELECT whose rows decode to `Row` (one item's type, or a tuple of them).
template <class... R>
class Select {
 public:
  using row_type = std::conditional_t<sizeof...(R) == 1, std::tuple_element_t<0, std::tuple<R...>>,
                                      std::tuple<R...>>;

  // The special members only forward to SelectParts' out-of-line ones:
  // always_inline keeps them from being emitted per row type at -O0.
  [[gnu::always_inline]] Select() = default;
  [[gnu::always_inline]] explicit Select(detail::SelectParts parts) : parts_(std::move(parts)) {}
  [[gnu::always_inline]] Select(const Select&) = default;
  [[gnu::always_inline]] Select(Select&&) noexcept = default;
  Select& operator=(const Select&) = default;
  Select& operator=(Select&&) noexcept = default;
  [[gnu::always_inline]] ~Select() = default;

  // --- Building. Each returns the query itself, so calls chain. ---------
  Select& from(const TableObject auto& table) {
    detail::select_from(parts_, std::remove_cvref_t<decltype(table)>::sql_name);
    return *this;
  }
  Select& distinct() {
    detail::select_distinct(parts_);
    return *this;
  }
  template <detail::Expression C>
  [[gnu::always_inline]] Select& where(const C& condition) {
    static_assert(detail::is_bool_operand<C>(),
                  "quarry: where() takes a condition (a boolean expression)");
    detail::select_where(parts_, condition.to_expr());
    return *this;
  }
  template <class... X>
  Select& group_by(const X&... items) {
    (detail::select_group_by(parts_, items.to_expr()), ...);
    return *this;
  }
  template <detail::Expression C>
  [[gnu::always_inline]] Select& having(const C& condition) {
    static_assert(detail::is_bool_operand<C>(),
                  "quarry: having() takes a condition (a boolean expression)");
    detail::select_having(parts_, condition.to_expr());
    return *this;
  }
  /// order_by(band.popularity.desc(), band.name): expressions sort ascending.
  template <class... X>
  Select& order_by(const X&... items) {
    (detail::add_order_item(parts_, items), ...);
    return *this;
  }
  Select& limit(std::int64_t n) {
    detail::select_limit(parts_, n);
    return *this;
  }
  Select& offset(std::int64_t n) {
    detail::select_offset(parts_, n);
    return *this;
  }
  template <TableObject T, detail::Expression C>
  Select& join(const T&, const C& on) {
    detail::select_join(parts_, sql::JoinKind::inner, T::sql_name, on.to_expr());
    return *this;
  }
  template <TableObject T, detail::Expression C>
  Select& left_join(const T&, const C& on) {
    detail::select_join(parts_, sql::JoinKind::left, T::sql_name, on.to_expr());
    return *this;
  }

  // --- Inspecting. -------------------------------------------------------
  const sql::SelectStmt& statement() const noexcept { return *parts_.stmt; }
  std::shared_ptr<const sql::SelectStmt> shared_statement() const { return parts_.stmt; }
  sql::CompiledSql compile(const sql::Dialect& d = sql::sqlite_dialect()) const {
    return sql::compile(d, *parts_.stmt);
  }
  /// The SQL with its bound values beside it: `SELECT ... WHERE "band"."id" = ?  [3]`.
  std::string sql(const sql::Dialect& d = sql::sqlite_dialect()) const {
    return compile(d).display();
  }

  // --- Running. ----------------------------------------------------------
  Task<std::vector<row_type>> run(Session& s) const { return run_rows(s, parts_.stmt, 0); }
  std::vector<row_type> run_sync(Session& s) const {
    std::vector<row_type> rows;
    detail::RowsSink sink(rows, &detail::append_row<row_type, R...>);
    detail::run_select_sync(s, *parts_.stmt, 0, sink);
    return rows;
  }
  /// The first row, or nullopt (adds LIMIT 1).
  Task<std::optional<row_type>> first(Session& s) const { return first_row(s, limited(1)); }
  std::optional<row_type> first_sync(Session& s) const {
    std::optional<row_type> row;
    detail::FirstSink sink(row, &detail::read_first_row<row_type, R...>);
    detail::run_first_sync(s, *parts_.stmt, sink);
    return row;
  }
  /// One column's values as a flat vector.
  Task<std::vector<row_type>> values(Session& s) const {
    static_assert(sizeof...(R) == 1, "quarry: values() needs a select of exactly one column");
    return run(s);
  }
  std::vector<row_type> values_sync(Session& s) const {
    static_assert(sizeof...(R) == 1, "quarry: values() needs a select of exactly one column");
    return run_sync(s);
  }
  /// A JSON array of objects, written from the driver's buffers.
  Task<std::string> json(Session& s) const { return detail::select_json(s, parts_); }
  std::string json_sync(Session& s) const { return detail::select_json_sync(s, parts_); }
  /// Rows by column name, for code that knows its tables only at run time.
  /// Columns are named as json() keys them: `name`, `manager.name`, an alias.
  Task<std::vector<DynamicRow>> rows(Session& s) const { return detail::select_dynamic(s, parts_); }
  std::vector<DynamicRow> rows_sync(Session& s) const {
    return detail::select_dynamic_sync(s, parts_);
  }
  /// The rows as a Stream, decoded `chunk_rows` at a time in constant
  /// memory (see stream.hpp): for results too big to hold at once.
  Task<Stream<row_type>> stream(Session& s, std::size_t chunk_rows = 1000) const {
    return open_stream(s, parts_.stmt, chunk_rows);
  }
  Stream<row_type> stream_sync(Session& s, std::size_t chunk_rows = 1000) const {
    return make_stream(detail::open_select_stream_sync(s, *parts_.stmt), chunk_rows);
  }
  /// SELECT count(*) of this query's rows.
  Task<std::int64_t> count(Session& s) const {
    return detail::count_select(s, detail::count_statement(*parts_.stmt));
  }
  std::int64_t count_sync(Session& s) const { return detail::count_rows_sync(s, *parts_.stmt); }
  /// Whether this query has any row.
  Task<bool> exists(Session& s) const {
    return detail::exists_select(s, detail::exists_statement(*parts_.stmt));
  }
  bool exists_sync(Session& s) const { return detail::any_rows_sync(s, *parts_.stmt); }

  /// The compiled query, kept with a prepared statement on each connection.
  class Frozen;
  Frozen freeze() const { return Frozen(*parts_.stmt); }

 private:
  std::shared_ptr<sql::SelectStmt> limited(std::int64_t n) const {
    return detail::limited_statement(*parts_.stmt, n);
  }
  static Task<std::vector<row_type>> run_rows(Session& s,
                                              std::shared_ptr<const sql::SelectStmt> stmt,
                                              std::uint32_t frozen_id) {
    std::vector<row_type> rows;
    detail::RowsSink sink(rows, &detail::append_row<row_type, R...>);
    co_await detail::run_select(s, *stmt, frozen_id, sink);
    co_return rows;
  }
  static Stream<row_type> make_stream(std::unique_ptr<RowStream> source, std::size_t chunk_rows) {
    auto rows = std::make_unique<std::vector<row_type>>();
    auto sink = std::make_unique<detail::StreamChunkSink<row_type, R...>>(*rows);
    return Stream<row_type>(std::move(source), std::move(sink), std::move(rows), chunk_rows);
  }
  template <TableObject>
  friend class Objects;

  static Task<Stream<row_type>> open_stream(Session& s, std::shared_ptr<const sql::SelectStmt> stmt,
                                            std::size_t chunk_rows) {
    std::unique_ptr<RowStream> source = co_await detail::open_select_stream(s, std::move(stmt));
    co_return make_stream(std::move(source), chunk_rows);
  }
  static Task<std::optional<row_type>> first_row(Session& s,
                                                 std::shared_ptr<const sql::SelectStmt> stmt) {
    std::optional<row_type> row;
    detail::FirstSink sink(row, &detail::read_first_row<row_type, R...>);
    co_await detail::run_select(s, *stmt, 0, sink);
    co_return row;
  }

  detail::SelectParts parts_;
};

namespace detail {
/// A frozen query compiled once per dialect, each with its own id under
/// which every connection keeps the prepared statement.
struct FrozenSql {
  sql::CompiledSql compiled;
  std::uint32_t id = 0;
  /// Whether the statement's values are exactly its run-time arguments, in
  /// order (every value a param slot, slot i at value i: `WHERE id =
  /// param(0)`): a run given that many arguments binds them as they are,
  /// with nothing to check or copy. Decided once, at freeze().
  bool arguments_are_params = false;
};
struct FrozenQuery {
  FrozenSql sqlite, postgresql;
  [[gnu::always_inline]] const FrozenSql& for_dialect(const sql::Dialect& d) const noexcept {
    return d.placeholder_style == sql::PlaceholderStyle::dollar_number ? postgresql : sqlite;
  }
};
std::shared_ptr<const FrozenQuery> freeze_select(const sql::SelectStmt& stmt);
Task<void> run_frozen(Session& s, const FrozenSql& f, std::vector<Value> args, RowSink& sink);
/// `args` is a pointer and a count, not a span: a span of Value arrays would
/// be instantiated per argument count in each translation unit.
void run_frozen_sync(Session& s, const FrozenSql& f, const Value* args, std::size_t count,
                     RowSink& sink);
}  // namespace detail

/// A run-time parameter of a frozen query: `item.id == param<std::int64_t>(0)`,
/// then `frozen.run(db, 42)`.
template <class T>
TypedExpr<T> param(int slot = 0) {
  return TypedExpr<T>(sql::parameter(slot, std::is_same_v<unwrap_optional_t<T>, Decimal>));
}

template <class... R>
class Select<R...>::Frozen {
 public:
  explicit Frozen(std::shared_ptr<const sql::SelectStmt> stmt)
      : query_(detail::freeze_select(*stmt)) {}
  /// freeze()'s: no std::shared_ptr conversion to emit per row type.
  [[gnu::always_inline]] explicit Frozen(const sql::SelectStmt& stmt)
      : query_(detail::freeze_select(stmt)) {}
  [[gnu::always_inline]] Frozen(const Frozen&) = default;
  [[gnu::always_inline]] Frozen(Frozen&&) noexcept = default;
  [[gnu::always_inline]] Frozen& operator=(const Frozen&) = default;
  [[gnu::always_inline]] Frozen& operator=(Frozen&&) noexcept = default;
  [[gnu::always_inline]] ~Frozen() = default;

  /// Runs with the values of the query's param<T>(0), param<T>(1), ... in order.
  template <class... Args>
  Task<std::vector<row_type>> run(Session& s, const Args&... args) const {
    return run_frozen_rows(s, query_, {detail::literal_value(args)...});
  }
  template <class... Args>
  std::vector<row_type> run_sync(Session& s, const Args&... args) const {
    std::vector<row_type> rows;
    detail::RowsSink sink(rows, &detail::append_row<row_type, R...>);
    if constexpr (sizeof...(Args) == 0) {
      detail::run_frozen_sync(s, query_->for_dialect(s.dialect()), nullptr, 0, sink);
    } else {
      // The arguments on the stack, not in a vector: this runs once per
      // query. A built-in array, not std::array: no destructor to emit.
      const Value values[] = {detail::literal_value(args)...};
      detail::run_frozen_sync(s, query_->for_dialect(s.dialect()), values, sizeof...(Args), sink);
    }
    return rows;
  }
  std::string sql() const { return query_->sqlite.compiled.display(); }

 private:
  static Task<std::vector<row_type>> run_frozen_rows(Session& s,
                                                     std::shared_ptr<const detail::FrozenQuery> q,
                                                     std::vector<Value> args) {
    std::vector<row_type> rows;
    detail::RowsSink sink(rows, &detail::append_row<row_type, R...>);
    co_await detail::run_frozen(s, q->for_dialect(s.dialect()), std::move(args), sink);
    co_return rows;
  }
  std::shared_ptr<const detail::FrozenQuery> query_;
};

/// SELECT items... : columns, expressions, or tables (as row structs).
template <class... Items>
auto select(const Items&... items) {
  static_assert(sizeof...(Items) > 0,
                "quarry: select() needs at least one column, expression or table");
  detail::SelectParts parts;
  (detail::add_select_item(parts, items), ...);
  detail::infer_select_from(parts);
  return Select<typename detail::select_result<Items>::type...>(std::move(parts));
}

/// EXISTS (subquery) and NOT EXISTS, as conditions.
template <class... R>
TypedExpr<bool> exists(const Select<R...>& q) {
  return TypedExpr<bool>(sql::exists(q.shared_statement(), false));
}
template <class... R>
TypedExpr<bool> not_exists(const Select<R...>& q) {
  return TypedExpr<bool>(sql::exists(q.shared_statement(), true));
}
/// A one-row, one-column subquery as a value: `band.popularity > subquery(select(avg(...)))`.
template <class R>
TypedExpr<R> subquery(const Select<R>& q) {
  return TypedExpr<R>(sql::subquery(q.shared_statement()));
}

}  // namespace quarry
