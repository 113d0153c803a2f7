// reflect / reflect_sync: run a backend's catalogue queries and assemble
// the Schema (reflect_detail.hpp); the filters every backend shares.
#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include <quarry/driver/connection.hpp>
#include <quarry/error.hpp>
#include <quarry/sql/dialect.hpp>

#include "schema/reflect_detail.hpp"

namespace quarry {

namespace detail {

namespace {

class CollectRows final : public RowSink {
 public:
  explicit CollectRows(CatalogRows& out) : out_(out) {}
  void on_row(const RowReader& row) override {
    auto& r = out_.emplace_back();
    r.reserve(row.column_count());
    for (std::size_t i = 0; i < row.column_count(); ++i) r.push_back(row.value(i));
  }

 private:
  CatalogRows& out_;
};

ReflectionPlan plan_for(const Session& db, const ReflectOptions& options) {
  if (db.dialect().name() == "postgresql") return postgresql_reflection(options);
  return sqlite_reflection(options);
}

}  // namespace

std::string cell_text(const Value& v) {
  switch (v.type()) {
    case StorageType::null:
      return {};
    case StorageType::integer:
      return std::to_string(v.as_int64());
    case StorageType::real:
      return fmt::format("{}", v.as_double());
    case StorageType::text:
      return v.as_text();
    case StorageType::blob:
      return std::string(reinterpret_cast<const char*>(v.as_blob().data()), v.as_blob().size());
  }
  return {};
}

std::int64_t cell_int(const Value& v) {
  if (v.type() == StorageType::integer) return v.as_int64();
  std::string s = cell_text(v);
  std::int64_t out = 0;
  std::from_chars(s.data(), s.data() + s.size(), out);
  return out;
}

bool cell_bool(const Value& v) {
  if (v.type() == StorageType::integer) return v.as_int64() != 0;
  std::string s = cell_text(v);
  return s == "t" || s == "true" || s == "1";
}

void filter_tables(Schema& schema, const ReflectOptions& options) {
  // "name" matches a table of that name in any namespace read; "schema.name" one.
  auto matches = [](const TableSchema& t, const std::string& name) {
    return t.name == name || (!t.schema.empty() && t.schema + "." + t.name == name);
  };
  for (const auto& name : options.only) {
    bool found = std::any_of(schema.tables.begin(), schema.tables.end(),
                             [&](const TableSchema& t) { return matches(t, name); });
    if (found) continue;
    std::vector<std::string> spelled;
    for (const auto& t : schema.tables)
      spelled.push_back(t.schema.empty() ? t.name : t.schema + "." + t.name);
    std::vector<std::string_view> names(spelled.begin(), spelled.end());
    std::string suggestion = closest_name(name, names);
    throw UsageError(fmt::format(
        "reflect: the database has no table or view \"{}\" (ReflectOptions::only){}", name,
        suggestion.empty() ? "" : fmt::format("; did you mean \"{}\"?", suggestion)));
  }
  std::erase_if(schema.tables, [&](const TableSchema& t) {
    if (t.is_view && !options.views) return true;
    if (!options.only.empty() && std::none_of(options.only.begin(), options.only.end(),
                                              [&](const std::string& n) { return matches(t, n); }))
      return true;
    return std::any_of(options.exclude.begin(), options.exclude.end(),
                       [&](const std::string& n) { return matches(t, n); });
  });
}

}  // namespace detail

// On PostgreSQL the catalogue queries run in one read-only REPEATABLE READ
// transaction, so that they read one snapshot of the catalogue. SQLite's
// transactions take the write lock up front (BEGIN IMMEDIATE), which a
// reader must not: there the queries run one after the other.
Task<Schema> reflect(Database& db, ReflectOptions options) {
  detail::ReflectionPlan plan = detail::plan_for(db, options);
  std::vector<detail::CatalogRows> results(plan.queries.size());
  if (db.dialect().name() == "postgresql") {
    auto body = [&](Transaction& tx) -> Task<void> {
      for (std::size_t i = 0; i < plan.queries.size(); ++i) {
        detail::CollectRows sink(results[i]);
        Statement stmt{plan.queries[i], {}};
        co_await tx.execute(stmt, &sink);
        if (options.progress) options.progress(i + 1, plan.queries.size());
      }
    };
    TransactionOptions snapshot{Isolation::repeatable_read, true};
    co_await db.transaction(body, snapshot);
  } else {
    for (std::size_t i = 0; i < plan.queries.size(); ++i) {
      detail::CollectRows sink(results[i]);
      Statement stmt{plan.queries[i], {}};
      co_await db.execute(stmt, &sink);
      if (options.progress) options.progress(i + 1, plan.queries.size());
    }
  }
  co_return plan.assemble(results);
}

Schema reflect_sync(Database& db, const ReflectOptions& options) {
  detail::ReflectionPlan plan = detail::plan_for(db, options);
  std::vector<detail::CatalogRows> results(plan.queries.size());
  auto run_all = [&](Session& s) {
    for (std::size_t i = 0; i < plan.queries.size(); ++i) {
      detail::CollectRows sink(results[i]);
      s.execute_sync(Statement{plan.queries[i], {}}, &sink);
      if (options.progress) options.progress(i + 1, plan.queries.size());
    }
  };
  if (db.dialect().name() == "postgresql") {
    db.transaction_sync([&](Transaction& tx) { run_all(tx); },
                        TransactionOptions{Isolation::repeatable_read, true});
  } else {
    run_all(db);
  }
  return plan.assemble(results);
}

}  // namespace quarry
