// objects(table): the light ORM over plain row structs. A Select of the
// whole table (where/order_by/first/run all apply) plus get by primary key,
// save (insert or update), remove and get_or_create. Nothing loads lazily.
#pragma once

#include <functional>
#include <optional>
#include <utility>

#include <quarry/query/select.hpp>
#include <quarry/query/write.hpp>

namespace quarry {

namespace detail {
/// The index of a table's single-column primary key among its columns;
/// throws UsageError when the table has none or a composite one.
std::size_t primary_key_index(const TableSchema& schema, std::string_view operation);
// What objects() does with a row struct's primary key, through ModelInfo
// (src/query/write.cpp), so that it compiles once and not per table.
/// Whether `row` (a const Row*) has an auto-increment key left at 0.
bool is_new_row(const ModelInfo& model, const void* row);
/// Stores a new key in `row` (a Row*) when its key member is an integer.
void set_row_key(const ModelInfo& model, void* row, std::int64_t key);
/// `table.key = <row's key>`.
sql::Expr key_condition(const ModelInfo& model, const void* row);
/// `table.key = key`.
sql::Expr key_equals_value(const ModelInfo& model, Value key);
sql::Expr key_equals_expr(const ModelInfo& model, sql::Expr key);
/// get_sync: the first row of `all` whose key is `key`, into `sink`.
void run_first_by_key_sync(Session& s, const SelectParts& all, const ModelInfo& model,
                           sql::Expr key, RowSink& sink);
/// SET every other column to the row's value.
std::vector<sql::Assignment> non_key_assignments(const ModelInfo& model, const void* row);
}  // namespace detail

template <TableObject Table>
class Objects : public Select<typename Table::row_type> {
 public:
  using Row = typename Table::row_type;
  // Forward to Select's special members (see there).
  [[gnu::always_inline]] explicit Objects(Select<Row> all) : Select<Row>(std::move(all)) {}
  [[gnu::always_inline]] Objects(const Objects&) = default;
  [[gnu::always_inline]] Objects(Objects&&) noexcept = default;
  [[gnu::always_inline]] Objects& operator=(const Objects&) = default;
  [[gnu::always_inline]] Objects& operator=(Objects&&) noexcept = default;
  [[gnu::always_inline]] ~Objects() = default;

  /// The row whose primary key is `key`, or nullopt.
  template <class K>
  Task<std::optional<Row>> get(Session& s, const K& key) const {
    return by_key(key).first(s);
  }
  template <class K>
  std::optional<Row> get_sync(Session& s, const K& key) const {
    // Not by_key(key).first_sync(s): no Select copy and first_sync per table.
    std::optional<Row> row;
    detail::FirstSink sink(row, &detail::read_first_row<Row, Row>);
    detail::run_first_by_key_sync(s, this->parts_, detail::model_info<Table>, detail::to_expr(key),
                                  sink);
    return row;
  }

  // The awaitable members are not coroutines themselves: a Task starts only
  // when awaited, perhaps after this Objects (often a temporary) and the
  // caller's arguments are gone, so each builds what it needs here and hands
  // it by value to a static coroutine. Only `row` of save() is referenced
  // (it receives the new key): keep it alive until the await ends.

  /// Inserts `row` when its auto-increment key is 0 (and stores the new key
  /// in it), otherwise updates the row with its key, inserting it if absent.
  Task<void> save(Session& s, Row& row) const { return save_row(s, row); }
  void save_sync(Session& s, Row& row) const {
    if (is_new(row)) {
      set_key(row, insert(Table{}).values(row).run_sync(s).last_insert_id);
      return;
    }
    if (update_of(row).run_sync(s).rows_affected == 0) insert(Table{}).values(row).run_sync(s);
  }

  /// Deletes the row with `row`'s primary key. Returns whether one was deleted.
  Task<bool> remove(Session& s, const Row& row) const { return remove_rows(s, delete_of(row)); }
  bool remove_sync(Session& s, const Row& row) const {
    return delete_of(row).run_sync(s).rows_affected > 0;
  }

  /// The first row matching `condition`, or `defaults` inserted (in one
  /// transaction). The bool says whether it was created.
  template <detail::Expression C>
  Task<std::pair<Row, bool>> get_or_create(Session& s, const C& condition, Row defaults) const {
    Select<Row> query = *this;
    query.where(condition);
    return get_or_create_in(s, std::move(query), std::move(defaults));
  }
  template <detail::Expression C>
  std::pair<Row, bool> get_or_create_sync(Session& s, const C& condition, Row defaults) const {
    std::pair<Row, bool> result{std::move(defaults), false};
    Select<Row> query = *this;
    query.where(condition);
    s.transaction_sync([&](Transaction& tx) {
      if (auto found = query.first_sync(tx)) {
        result = {std::move(*found), false};
        return;
      }
      save_sync(tx, result.first);
      result.second = true;
    });
    return result;
  }

 private:
  static Task<void> save_row(Session& s, Row& row) {
    if (is_new(row)) {
      Insert<Table> add = insert(Table{}).values(row);
      ExecResult r = co_await add.run(s);
      set_key(row, r.last_insert_id);
      co_return;
    }
    Update<Table> change = update_of(row);
    ExecResult r = co_await change.run(s);
    if (r.rows_affected == 0) {
      Insert<Table> add = insert(Table{}).values(row);
      co_await add.run(s);
    }
  }
  static Task<bool> remove_rows(Session& s, Delete<Table> d) {
    ExecResult r = co_await d.run(s);
    co_return r.rows_affected > 0;
  }
  static Task<std::pair<Row, bool>> get_or_create_in(Session& s, Select<Row> query, Row defaults) {
    std::pair<Row, bool> result{std::move(defaults), false};
    std::function<Task<void>(Transaction&)> body = [&](Transaction& tx) -> Task<void> {
      if (auto found = co_await query.first(tx)) {
        result = {std::move(*found), false};
        co_return;
      }
      co_await save_row(tx, result.first);
      result.second = true;
    };
    co_await s.transaction(std::move(body));
    co_return result;
  }
  static bool is_new(const Row& row) { return detail::is_new_row(detail::model_info<Table>, &row); }
  static void set_key(Row& row, std::int64_t key) {
    detail::set_row_key(detail::model_info<Table>, &row, key);
  }
  static TypedExpr<bool> key_equals(const Row& row) {
    return TypedExpr<bool>(detail::key_condition(detail::model_info<Table>, &row));
  }
  template <class K>
  Select<Row> by_key(const K& key) const {
    Select<Row> query = *this;
    detail::select_where(query.parts_,
                         detail::key_equals_expr(detail::model_info<Table>, detail::to_expr(key)));
    return query;
  }
  static Update<Table> update_of(const Row& row) {
    Update<Table> u;
    for (auto& a : detail::non_key_assignments(detail::model_info<Table>, &row)) {
      u.set_value(a.column, std::move(a.value));
    }
    u.where(key_equals(row));
    return u;
  }
  static Delete<Table> delete_of(const Row& row) {
    Delete<Table> d;
    d.where(key_equals(row));
    return d;
  }
};

/// The ORM view of a table: objects(band).where(band.popularity > 10).run(db).
template <TableObject T>
[[gnu::always_inline]] inline Objects<std::remove_cvref_t<T>> objects(const T& table) {
  return Objects<std::remove_cvref_t<T>>(select(table));
}

}  // namespace quarry
