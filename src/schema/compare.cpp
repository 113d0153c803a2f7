// schema_differences / equivalent: two Schemas compared as a database sees
// them. The rules, which docs/reflection.md repeats for users:
//
// - Tables and views match by (namespace, name); their order does not matter.
//   Column order does.
// - Types compare by kind and parameters after aliases: enum_text is text and
//   enum_integer is int32 (that is what the database holds), and the values
//   of a C++ enum are not compared. With CompareOptions::as_stored_by, each
//   type is first mapped to what that dialect stores.
// - Nullability, auto-increment, comments compare exactly; defaults, check
//   conditions, index expressions and conditions and view queries compare
//   after normalize_sql (whitespace, case of keywords, quotes, casts and
//   redundant parentheses as each backend re-prints them).
// - Constraints and indexes match by content (columns, referenced table,
//   condition); their names compare when both sides have one. Unique
//   constraints, foreign keys, checks and indexes are sets: order does not
//   matter. The primary key is an ordered list of columns.
// - A view's columns compare only when both sides list some: a hand-made
//   view's Schema usually says only its query.
#include <quarry/schema/compare.hpp>

#include <algorithm>

#include <fmt/format.h>

#include <quarry/schema/reflect.hpp>
#include <quarry/sql/dialect.hpp>

namespace quarry {

namespace {

std::string list(const std::vector<std::string>& names) {
  std::string out = "(";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += ", ";
    out += names[i];
  }
  return out + ")";
}

/// The type as compared: aliases resolved, then (optionally) what the
/// dialect stores.
SqlType canonical(SqlType t, const CompareOptions& options, bool auto_increment) {
  if (options.as_stored_by) {
    bool serial = false;
    std::string spelled = sql_type_name(*options.as_stored_by, t, auto_increment);
    SqlType stored = parse_sql_type(*options.as_stored_by, spelled, &serial);
    // A type the dialect spells in a way that does not parse back (an enum
    // type's quoted name, an array on SQLite) stays as it was.
    if (stored.kind != TypeKind::raw || t.kind == TypeKind::raw) t = stored;
    // SQLite's INTEGER PRIMARY KEY is the 64-bit rowid.
    if (auto_increment && options.as_stored_by->name() == "sqlite" && t.kind == TypeKind::int32)
      t.kind = TypeKind::int64;
  }
  if (t.kind == TypeKind::enum_text) t.kind = TypeKind::text;
  if (t.kind == TypeKind::enum_integer) t.kind = TypeKind::int32;
  if (t.kind != TypeKind::db_enum) t.enum_values.clear();
  if (t.kind != TypeKind::db_enum && t.kind != TypeKind::raw) t.type_name.clear();
  if (t.kind != TypeKind::array) t.element = TypeKind::text;
  if (t.kind != TypeKind::json && !(t.kind == TypeKind::array && t.element == TypeKind::json))
    t.plain_json = false;
  if (t.kind == TypeKind::raw) t.type_name = normalize_sql(t.type_name);
  return t;
}

std::string describe(const SqlType& t) {
  std::string base;
  TypeKind kind = t.kind == TypeKind::array ? t.element : t.kind;
  switch (kind) {
    case TypeKind::varchar:
      base = fmt::format("varchar({})", t.length);
      break;
    case TypeKind::decimal:
      base = t.precision ? fmt::format("numeric({}, {})", t.precision, t.scale) : "numeric";
      break;
    case TypeKind::db_enum:
      base = fmt::format("enum {} {}", t.type_name, list(t.enum_values));
      break;
    case TypeKind::raw:
      base = fmt::format("raw \"{}\"", t.type_name);
      break;
    case TypeKind::json:
      base = t.plain_json ? "json" : "jsonb";
      break;
    default:
      base = std::string(type_kind_name(kind));
  }
  return t.kind == TypeKind::array ? base + "[]" : base;
}

/// The access method, "btree" when the index says none (the default).
std::string index_method(const Index& ix) {
  if (ix.method.empty()) return "btree";
  std::string m = ix.method;
  for (auto& ch : m) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return m;
}

/// The operator classes without trailing defaults, "default" for the rest.
std::vector<std::string> opclasses(const Index& ix) {
  std::vector<std::string> out = ix.opclasses;
  while (!out.empty() && out.back().empty()) out.pop_back();
  for (auto& c : out) c = c.empty() ? "default" : normalize_sql(c);
  return out;
}

std::string optional_sql(const std::optional<std::string>& s) {
  return s ? fmt::format("\"{}\"", *s) : "none";
}

std::string table_label(const TableSchema& t) {
  std::string name = t.schema.empty() ? t.name : t.schema + "." + t.name;
  return fmt::format("{} \"{}\"", t.is_view ? "view" : "table", name);
}

class Comparer {
 public:
  Comparer(const CompareOptions& options, std::vector<std::string>& out)
      : options_(options), out_(out) {}

  void tables(const Schema& a, const Schema& b) {
    for (const auto& ta : a.tables) {
      const TableSchema* tb = find(b, ta);
      if (!tb) {
        out_.push_back(fmt::format("{}: only in the first schema", table_label(ta)));
        continue;
      }
      table(ta, *tb);
    }
    for (const auto& tb : b.tables) {
      if (!find(a, tb))
        out_.push_back(fmt::format("{}: only in the second schema", table_label(tb)));
    }
    for (const auto& ea : a.enums) {
      auto eb = std::find_if(b.enums.begin(), b.enums.end(), [&](const EnumType& e) {
        return e.name == ea.name && e.schema == ea.schema;
      });
      if (eb == b.enums.end()) {
        out_.push_back(fmt::format("enum type \"{}\": only in the first schema", ea.name));
      } else if (eb->values != ea.values) {
        out_.push_back(fmt::format("enum type \"{}\": values {} vs {}", ea.name, list(ea.values),
                                   list(eb->values)));
      }
    }
    for (const auto& eb : b.enums) {
      bool found = std::any_of(a.enums.begin(), a.enums.end(), [&](const EnumType& e) {
        return e.name == eb.name && e.schema == eb.schema;
      });
      if (!found)
        out_.push_back(fmt::format("enum type \"{}\": only in the second schema", eb.name));
    }
  }

 private:
  static const TableSchema* find(const Schema& s, const TableSchema& t) {
    for (const auto& x : s.tables) {
      if (x.name == t.name && x.schema == t.schema) return &x;
    }
    return nullptr;
  }

  void report(const TableSchema& t, const std::string& what) {
    out_.push_back(fmt::format("{}: {}", table_label(t), what));
  }

  void table(const TableSchema& a, const TableSchema& b) {
    if (a.is_view != b.is_view) {
      report(a, fmt::format("a {} in the first schema, a {} in the second",
                            a.is_view ? "view" : "table", b.is_view ? "view" : "table"));
      return;
    }
    if (a.comment != b.comment)
      report(a, fmt::format("comment \"{}\" vs \"{}\"", a.comment, b.comment));
    if (a.is_view) {
      if (normalize_sql(a.view_sql) != normalize_sql(b.view_sql))
        report(a, fmt::format("definition \"{}\" vs \"{}\"", a.view_sql, b.view_sql));
      if (a.columns.empty() || b.columns.empty()) return;
    }
    columns(a, b);
    if (a.primary_key != b.primary_key)
      report(a, fmt::format("primary key {} vs {}", list(a.primary_key), list(b.primary_key)));
    uniques(a, b);
    foreign_keys(a, b);
    checks(a, b);
    indexes(a, b);
  }

  void columns(const TableSchema& a, const TableSchema& b) {
    std::vector<std::string> names_a, names_b;
    for (const auto& c : a.columns) names_a.push_back(c.name);
    for (const auto& c : b.columns) names_b.push_back(c.name);
    for (const auto& ca : a.columns) {
      const ColumnSchema* cb = b.find_column(ca.name);
      if (!cb) {
        report(a, fmt::format("column \"{}\": only in the first schema", ca.name));
        continue;
      }
      column(a, ca, *cb);
    }
    for (const auto& cb : b.columns) {
      if (!a.find_column(cb.name))
        report(a, fmt::format("column \"{}\": only in the second schema", cb.name));
    }
    // The same columns in another order.
    std::vector<std::string> common_a, common_b;
    for (const auto& n : names_a) {
      if (b.find_column(n)) common_a.push_back(n);
    }
    for (const auto& n : names_b) {
      if (a.find_column(n)) common_b.push_back(n);
    }
    if (common_a != common_b)
      report(a, fmt::format("column order {} vs {}", list(common_a), list(common_b)));
  }

  void column(const TableSchema& t, const ColumnSchema& a, const ColumnSchema& b) {
    auto say = [&](const std::string& what) {
      report(t, fmt::format("column \"{}\": {}", a.name, what));
    };
    SqlType ta = canonical(a.type, options_, a.auto_increment);
    SqlType tb = canonical(b.type, options_, b.auto_increment);
    if (!(ta == tb)) say(fmt::format("type {} vs {}", describe(ta), describe(tb)));
    if (a.nullable != b.nullable)
      say(fmt::format("{} vs {}", a.nullable ? "nullable" : "not null",
                      b.nullable ? "nullable" : "not null"));
    if (a.auto_increment != b.auto_increment)
      say(fmt::format("auto-increment {} vs {}", a.auto_increment ? "yes" : "no",
                      b.auto_increment ? "yes" : "no"));
    bool same_default =
        a.default_sql.has_value() == b.default_sql.has_value() &&
        (!a.default_sql || normalize_sql(*a.default_sql) == normalize_sql(*b.default_sql));
    if (!same_default)
      say(fmt::format("default {} vs {}", optional_sql(a.default_sql),
                      optional_sql(b.default_sql)));
    if (a.comment != b.comment) say(fmt::format("comment \"{}\" vs \"{}\"", a.comment, b.comment));
  }

  static bool names_differ(const std::string& a, const std::string& b) {
    return !a.empty() && !b.empty() && a != b;
  }

  /// Pairs the items of `a` and `b` by `same`, reports the unpaired ones
  /// and calls `both` for each pair.
  template <class T, class Same, class Label, class Both>
  void pair_up(const TableSchema& t, const std::vector<T>& a, const std::vector<T>& b, Same same,
               Label label, Both both) {
    std::vector<bool> used(b.size(), false);
    for (const auto& x : a) {
      bool found = false;
      for (std::size_t j = 0; j < b.size(); ++j) {
        if (!used[j] && same(x, b[j])) {
          used[j] = true;
          found = true;
          both(x, b[j]);
          break;
        }
      }
      if (!found) report(t, fmt::format("{}: only in the first schema", label(x)));
    }
    for (std::size_t j = 0; j < b.size(); ++j) {
      if (!used[j]) report(t, fmt::format("{}: only in the second schema", label(b[j])));
    }
  }

  void uniques(const TableSchema& t, const TableSchema& b) {
    pair_up(
        t, t.uniques, b.uniques,
        [](const UniqueConstraint& x, const UniqueConstraint& y) { return x.columns == y.columns; },
        [](const UniqueConstraint& x) {
          return fmt::format("unique constraint \"{}\" {}", x.name, list(x.columns));
        },
        [&](const UniqueConstraint& x, const UniqueConstraint& y) {
          if (names_differ(x.name, y.name))
            report(t, fmt::format("unique constraint {}: named \"{}\" vs \"{}\"", list(x.columns),
                                  x.name, y.name));
        });
  }

  void foreign_keys(const TableSchema& t, const TableSchema& b) {
    pair_up(
        t, t.foreign_keys, b.foreign_keys,
        [](const ForeignKey& x, const ForeignKey& y) {
          return x.columns == y.columns && x.ref_table == y.ref_table &&
                 x.ref_schema == y.ref_schema && x.ref_columns == y.ref_columns;
        },
        [](const ForeignKey& x) {
          return fmt::format("foreign key \"{}\" {} references {} {}", x.name, list(x.columns),
                             x.ref_table, list(x.ref_columns));
        },
        [&](const ForeignKey& x, const ForeignKey& y) {
          std::string label = fmt::format("foreign key \"{}\" {}", x.name, list(x.columns));
          if (names_differ(x.name, y.name))
            report(t, fmt::format("{}: named \"{}\" vs \"{}\"", label, x.name, y.name));
          if (x.on_delete != y.on_delete)
            report(t,
                   fmt::format("{}: on delete {} vs {}", label, referential_action_sql(x.on_delete),
                               referential_action_sql(y.on_delete)));
          if (x.on_update != y.on_update)
            report(t,
                   fmt::format("{}: on update {} vs {}", label, referential_action_sql(x.on_update),
                               referential_action_sql(y.on_update)));
          if (x.deferrable != y.deferrable || x.initially_deferred != y.initially_deferred) {
            auto mode = [](const ForeignKey& k) {
              return !k.deferrable          ? "not deferrable"
                     : k.initially_deferred ? "deferrable initially deferred"
                                            : "deferrable initially immediate";
            };
            report(t, fmt::format("{}: {} vs {}", label, mode(x), mode(y)));
          }
        });
  }

  void checks(const TableSchema& t, const TableSchema& b) {
    pair_up(
        t, t.checks, b.checks,
        [](const CheckConstraint& x, const CheckConstraint& y) {
          if (!x.name.empty() && !y.name.empty()) return x.name == y.name;
          return normalize_sql(x.sql) == normalize_sql(y.sql);
        },
        [](const CheckConstraint& x) {
          return fmt::format("check constraint \"{}\" ({})", x.name, x.sql);
        },
        [&](const CheckConstraint& x, const CheckConstraint& y) {
          if (normalize_sql(x.sql) != normalize_sql(y.sql))
            report(t, fmt::format("check constraint \"{}\": condition \"{}\" vs \"{}\"", x.name,
                                  x.sql, y.sql));
        });
  }

  void indexes(const TableSchema& t, const TableSchema& b) {
    auto expressions = [](const Index& ix) {
      std::vector<std::string> out;
      for (const auto& e : ix.expressions) out.push_back(normalize_sql(e));
      return out;
    };
    pair_up(
        t, t.indexes, b.indexes,
        [&](const Index& x, const Index& y) {
          if (!x.name.empty() && !y.name.empty()) return x.name == y.name;
          return x.columns == y.columns && expressions(x) == expressions(y) &&
                 normalize_sql(x.where) == normalize_sql(y.where);
        },
        [](const Index& x) {
          return fmt::format("index \"{}\" {}", x.name,
                             list(x.columns.empty() ? x.expressions : x.columns));
        },
        [&](const Index& x, const Index& y) {
          std::string label = fmt::format("index \"{}\"", x.name);
          if (x.unique != y.unique)
            report(t, fmt::format("{}: {} vs {}", label, x.unique ? "unique" : "not unique",
                                  y.unique ? "unique" : "not unique"));
          if (x.columns != y.columns || expressions(x) != expressions(y))
            report(t, fmt::format("{}: keys {} vs {}", label,
                                  list(x.columns.empty() ? x.expressions : x.columns),
                                  list(y.columns.empty() ? y.expressions : y.columns)));
          if (normalize_sql(x.where) != normalize_sql(y.where))
            report(t, fmt::format("{}: condition \"{}\" vs \"{}\"", label, x.where, y.where));
          if (index_method(x) != index_method(y))
            report(t, fmt::format("{}: method {} vs {}", label, index_method(x), index_method(y)));
          if (opclasses(x) != opclasses(y))
            report(t, fmt::format("{}: operator classes {} vs {}", label, list(opclasses(x)),
                                  list(opclasses(y))));
        });
  }

  const CompareOptions& options_;
  std::vector<std::string>& out_;
};

}  // namespace

std::vector<std::string> schema_differences(const Schema& a, const Schema& b,
                                            const CompareOptions& options) {
  std::vector<std::string> out;
  Comparer(options, out).tables(a, b);
  return out;
}

bool equivalent(const Schema& a, const Schema& b, const CompareOptions& options) {
  return schema_differences(a, b, options).empty();
}

}  // namespace quarry
