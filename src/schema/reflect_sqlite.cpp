// Reflection of a SQLite database. The PRAGMA table-valued functions, joined
// with sqlite_schema, give every table's columns, foreign keys and indexes
// in one query each; what the pragmas do not keep (constraint names, CHECK
// conditions, DEFERRABLE, comments, index expressions and conditions, view
// queries) is read from the CREATE text that sqlite_schema stores verbatim.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include <quarry/error.hpp>
#include <quarry/sql/dialect.hpp>

#include "schema/reflect_detail.hpp"
#include "schema/sql_text.hpp"

namespace quarry::detail {

namespace {

constexpr std::string_view user_objects = R"(m.name NOT LIKE 'sqlite\_%' ESCAPE '\')";

// What the CREATE TABLE text says beyond the pragmas.
struct ParsedForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string ref_table;
  bool deferrable = false;
  bool initially_deferred = false;
};

struct ParsedTable {
  std::string comment;
  std::map<std::string, std::string> column_comments;
  std::vector<UniqueConstraint> uniques;
  std::vector<ParsedForeignKey> foreign_keys;
  std::vector<CheckConstraint> checks;
};

bool constraint_keyword(const SqlToken& t) {
  for (auto w : {"constraint", "primary", "not", "null", "unique", "check", "default", "collate",
                 "references", "generated", "as"}) {
    if (t.is_word(w)) return true;
  }
  return false;
}

std::vector<std::string> name_list(const std::vector<SqlToken>& toks, std::size_t open,
                                   std::size_t close) {
  // "(a, b DESC, c COLLATE nocase)" -> a, b, c
  std::vector<std::string> names;
  for (auto [b, e] : split_top_level(toks, open + 1, close)) {
    while (b < e && toks[b].kind == SqlToken::comment) ++b;
    if (b < e && toks[b].is_name()) names.push_back(toks[b].text);
  }
  return names;
}

// Reads REFERENCES t [(cols)] [ON ...] [[NOT] DEFERRABLE [INITIALLY ...]]
// starting at `i` (the REFERENCES token); returns the index past it.
std::size_t parse_references(const std::vector<SqlToken>& toks, std::size_t i, std::size_t end,
                             ParsedForeignKey& fk) {
  ++i;
  if (i < end && toks[i].is_name()) {
    fk.ref_table = toks[i].text;
    ++i;
    if (i + 1 < end && toks[i].is('.') && toks[i + 1].is_name()) {
      fk.ref_table = toks[i + 1].text;  // "main"."t"
      i += 2;
    }
  }
  if (i < end && toks[i].is('(')) i = matching_paren(toks, i) + 1;
  for (; i < end; ++i) {
    const SqlToken& t = toks[i];
    if (t.is('(')) {
      i = matching_paren(toks, i);
      continue;
    }
    if (t.is_word("deferrable")) {
      bool negated = i > 0 && toks[i - 1].is_word("not");
      fk.deferrable = !negated;
      if (i + 2 < end && toks[i + 1].is_word("initially"))
        fk.initially_deferred = !negated && toks[i + 2].is_word("deferred");
      continue;
    }
    if (t.is_word("not") && i + 1 < end && toks[i + 1].is_word("deferrable")) continue;
    if (t.is_word("on") || t.is_word("match") || t.is_word("set") || t.is_word("cascade") ||
        t.is_word("restrict") || t.is_word("no") || t.is_word("action") || t.is_word("delete") ||
        t.is_word("update") || t.is_word("default") || t.is_word("null") ||
        t.is_word("initially") || t.is_word("deferred") || t.is_word("immediate") ||
        t.kind == SqlToken::comment) {
      // ON DELETE SET DEFAULT etc.: "default" and "null" here belong to the
      // action, not to a new column constraint.
      if ((t.is_word("default") || t.is_word("null")) &&
          !(i > 0 && toks[i - 1].is_word("set")))
        break;
      if (t.is_word("not")) break;
      continue;
    }
    if (t.kind == SqlToken::word || t.is_name()) break;
  }
  return i;
}

ParsedTable parse_create_table(std::string_view sql) {
  ParsedTable out;
  auto toks = tokenize_sql(sql);
  std::size_t open = 0;
  while (open < toks.size() && !toks[open].is('(')) {
    if (toks[open].kind == SqlToken::comment) out.comment = toks[open].text;
    ++open;
  }
  if (open == toks.size()) return out;  // CREATE TABLE ... AS SELECT: nothing more to read
  std::size_t close = matching_paren(toks, open);
  for (auto [b, e] : split_top_level(toks, open + 1, close)) {
    std::string pending_name;
    std::string comment;
    for (std::size_t k = b; k < e; ++k) {
      if (toks[k].kind == SqlToken::comment) comment = toks[k].text;
    }
    std::size_t first = b;
    while (first < e && toks[first].kind == SqlToken::comment) ++first;
    if (first >= e) continue;
    const bool table_constraint =
        toks[first].is_word("constraint") || toks[first].is_word("primary") ||
        toks[first].is_word("unique") || toks[first].is_word("check") ||
        toks[first].is_word("foreign");
    std::string column;
    std::size_t i = first;
    if (!table_constraint) {
      column = toks[first].text;
      if (!comment.empty()) out.column_comments[column] = comment;
      i = first + 1;
      // the type: words and a parenthesised length, up to the first constraint
      while (i < e && !constraint_keyword(toks[i])) {
        if (toks[i].is('(')) i = matching_paren(toks, i);
        ++i;
      }
    }
    while (i < e) {
      const SqlToken& t = toks[i];
      if (t.is_word("constraint") && i + 1 < e) {
        pending_name = toks[i + 1].text;
        i += 2;
        continue;
      }
      if (t.is_word("check") && i + 1 < e && toks[i + 1].is('(')) {
        std::size_t c = matching_paren(toks, i + 1);
        out.checks.push_back({pending_name, source_text(sql, toks, i + 2, c)});
        pending_name.clear();
        i = c + 1;
        continue;
      }
      if (t.is_word("unique")) {
        UniqueConstraint u;
        u.name = pending_name;
        pending_name.clear();
        if (table_constraint && i + 1 < e && toks[i + 1].is('(')) {
          std::size_t c = matching_paren(toks, i + 1);
          u.columns = name_list(toks, i + 1, c);
          i = c + 1;
        } else {
          u.columns = {column};
          ++i;
        }
        out.uniques.push_back(std::move(u));
        continue;
      }
      if (t.is_word("foreign") && i + 2 < e && toks[i + 2].is('(')) {
        ParsedForeignKey fk;
        fk.name = pending_name;
        pending_name.clear();
        std::size_t c = matching_paren(toks, i + 2);
        fk.columns = name_list(toks, i + 2, c);
        i = c + 1;
        if (i < e && toks[i].is_word("references")) i = parse_references(toks, i, e, fk);
        out.foreign_keys.push_back(std::move(fk));
        continue;
      }
      if (t.is_word("references")) {
        ParsedForeignKey fk;
        fk.name = pending_name;
        pending_name.clear();
        fk.columns = {column};
        i = parse_references(toks, i, e, fk);
        out.foreign_keys.push_back(std::move(fk));
        continue;
      }
      if (t.is_word("primary") || t.is_word("not") || t.is_word("null") ||
          t.is_word("default") || t.is_word("collate") || t.is_word("generated") ||
          t.is_word("as")) {
        pending_name.clear();
      }
      if (t.is('(')) {
        i = matching_paren(toks, i) + 1;
        continue;
      }
      ++i;
    }
  }
  return out;
}

// CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (keys) [WHERE cond]
void parse_create_index(std::string_view sql, Index& index) {
  auto toks = tokenize_sql(sql);
  std::size_t i = 0;
  while (i < toks.size() && !toks[i].is('(')) ++i;
  if (i == toks.size()) return;
  std::size_t close = matching_paren(toks, i);
  std::vector<std::string> keys;
  bool all_plain = true;
  std::vector<std::string> columns;
  for (auto [b, e] : split_top_level(toks, i + 1, close)) {
    // a key without its ASC / DESC / COLLATE
    std::size_t key_end = e;
    for (std::size_t k = b; k < e; ++k) {
      if (toks[k].is_word("asc") || toks[k].is_word("desc") || toks[k].is_word("collate")) {
        key_end = k;
        break;
      }
    }
    keys.push_back(source_text(sql, toks, b, key_end));
    if (key_end == b + 1 && toks[b].is_name()) {
      columns.push_back(toks[b].text);
    } else {
      all_plain = false;
    }
  }
  if (all_plain) {
    index.columns = std::move(columns);
  } else {
    index.columns.clear();
    index.expressions = std::move(keys);
  }
  for (std::size_t k = close + 1; k < toks.size(); ++k) {
    if (toks[k].is_word("where")) {
      index.where = source_text(sql, toks, k + 1, toks.size());
      break;
    }
  }
}

// CREATE VIEW name [(cols)] AS select -> select
std::string view_query(std::string_view sql) {
  auto toks = tokenize_sql(sql);
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].is('(')) {
      i = matching_paren(toks, i);
      continue;
    }
    if (toks[i].is_word("as")) return source_text(sql, toks, i + 1, toks.size());
  }
  return std::string(sql);
}

ReferentialAction action_of(std::string_view s) {
  if (s == "CASCADE") return ReferentialAction::cascade;
  if (s == "RESTRICT") return ReferentialAction::restrict;
  if (s == "SET NULL") return ReferentialAction::set_null;
  if (s == "SET DEFAULT") return ReferentialAction::set_default;
  return ReferentialAction::no_action;
}

Schema assemble_sqlite(std::vector<CatalogRows>& results, const ReflectOptions& options) {
  const auto& dialect = sql::sqlite_dialect();
  Schema schema;
  std::map<std::string, std::size_t> by_name;
  std::map<std::string, ParsedTable> parsed;
  std::set<std::pair<std::string, std::string>> rowid_aliases;
  // 0: objects
  for (const auto& row : results[0]) {
    std::string type = cell_text(row[0]);
    std::string name = cell_text(row[1]);
    std::string sql = cell_text(row[3]);
    if (type == "table" || type == "view") {
      TableSchema t;
      t.name = name;
      if (type == "view") {
        t.is_view = true;
        t.view_sql = view_query(sql);
        // the comment in "CREATE VIEW v /* comment */ AS"
        for (const auto& tok : tokenize_sql(sql)) {
          if (tok.is_word("as")) break;
          if (tok.kind == SqlToken::comment) t.comment = tok.text;
        }
      } else {
        ParsedTable p = parse_create_table(sql);
        t.comment = p.comment;
        t.uniques = p.uniques;
        t.checks = p.checks;
        parsed.emplace(name, std::move(p));
      }
      by_name[name] = schema.tables.size();
      schema.tables.push_back(std::move(t));
    }
  }
  // 1: columns
  for (const auto& row : results[1]) {
    auto it = by_name.find(cell_text(row[0]));
    if (it == by_name.end()) continue;
    TableSchema& t = schema.tables[it->second];
    if (cell_int(row[7]) == 1) continue;  // a virtual table's hidden column
    ColumnSchema c;
    c.name = cell_text(row[2]);
    std::string declared = cell_text(row[3]);
    c.type = parse_sql_type(dialect, declared);
    c.nullable = cell_int(row[4]) == 0;
    if (!row[5].is_null()) c.default_sql = cell_text(row[5]);
    if (std::int64_t pk = cell_int(row[6]); pk > 0) {
      std::string upper = declared;
      for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (upper == "INTEGER" && !c.default_sql) rowid_aliases.insert({t.name, c.name});
      if (t.primary_key.size() < static_cast<std::size_t>(pk)) t.primary_key.resize(pk);
      t.primary_key[pk - 1] = c.name;
    }
    if (auto p = parsed.find(t.name); p != parsed.end()) {
      if (auto cc = p->second.column_comments.find(c.name); cc != p->second.column_comments.end())
        c.comment = cc->second;
    }
    // A view's column of no declared type (an expression) has none.
    if (declared.empty()) {
      c.type = SqlType{};
      c.type.kind = TypeKind::raw;
    }
    t.columns.push_back(std::move(c));
  }
  for (auto& t : schema.tables) {
    if (t.is_view) {
      t.primary_key.clear();
      continue;
    }
    // The rowid alias: a lone primary key declared exactly "INTEGER"
    // auto-increments and holds 64 bits.
    if (t.primary_key.size() == 1) {
      for (auto& c : t.columns) {
        if (c.name == t.primary_key[0] && rowid_aliases.count({t.name, c.name})) {
          c.type.kind = TypeKind::int64;
          c.auto_increment = true;
          c.nullable = false;
        }
      }
    }
  }
  // 2: foreign keys, one row per column pair
  std::map<std::pair<std::string, std::int64_t>, ForeignKey> keys;
  std::vector<std::pair<std::string, std::int64_t>> key_order;
  for (const auto& row : results[2]) {
    std::pair<std::string, std::int64_t> id{cell_text(row[0]), cell_int(row[1])};
    auto [it, fresh] = keys.try_emplace(id);
    if (fresh) key_order.push_back(id);
    ForeignKey& fk = it->second;
    fk.ref_table = cell_text(row[3]);
    fk.columns.push_back(cell_text(row[4]));
    fk.ref_columns.push_back(cell_text(row[5]));
    fk.on_update = action_of(cell_text(row[6]));
    fk.on_delete = action_of(cell_text(row[7]));
  }
  // SQLite lists a table's keys last declared first: put them back in order.
  std::stable_sort(key_order.begin(), key_order.end(), [](const auto& a, const auto& b) {
    return a.first == b.first ? a.second > b.second : a.first < b.first;
  });
  for (const auto& id : key_order) {
    auto it = by_name.find(id.first);
    if (it == by_name.end()) continue;
    TableSchema& t = schema.tables[it->second];
    ForeignKey fk = std::move(keys[id]);
    // REFERENCES t without columns means t's primary key.
    if (std::all_of(fk.ref_columns.begin(), fk.ref_columns.end(),
                    [](const std::string& s) { return s.empty(); })) {
      if (auto r = by_name.find(fk.ref_table); r != by_name.end())
        fk.ref_columns = schema.tables[r->second].primary_key;
    }
    auto& candidates = parsed[t.name].foreign_keys;
    for (auto p = candidates.begin(); p != candidates.end(); ++p) {
      if (p->columns == fk.columns && p->ref_table == fk.ref_table) {
        fk.name = p->name;
        fk.deferrable = p->deferrable;
        fk.initially_deferred = p->initially_deferred;
        candidates.erase(p);
        break;
      }
    }
    t.foreign_keys.push_back(std::move(fk));
  }
  // 3: explicit indexes (those with CREATE INDEX text)
  for (const auto& row : results[0]) {
    if (cell_text(row[0]) != "index" || row[3].is_null()) continue;
    auto it = by_name.find(cell_text(row[2]));
    if (it == by_name.end()) continue;
    Index ix;
    ix.name = cell_text(row[1]);
    parse_create_index(cell_text(row[3]), ix);
    schema.tables[it->second].indexes.push_back(std::move(ix));
  }
  for (const auto& row : results[3]) {
    auto it = by_name.find(cell_text(row[0]));
    if (it == by_name.end()) continue;
    for (auto& ix : schema.tables[it->second].indexes) {
      if (ix.name == cell_text(row[1])) ix.unique = cell_int(row[2]) != 0;
    }
  }
  std::sort(schema.tables.begin(), schema.tables.end(),
            [](const TableSchema& a, const TableSchema& b) { return a.name < b.name; });
  filter_tables(schema, options);
  return schema;
}

}  // namespace

ReflectionPlan sqlite_reflection(const ReflectOptions& options) {
  for (const auto& s : options.schemas) {
    if (s != "main") {
      throw UsageError(fmt::format(
          "reflect: SQLite has no schema \"{}\" (ReflectOptions::schemas); its only one is "
          "\"main\"",
          s));
    }
  }
  ReflectionPlan plan;
  plan.queries = {
      fmt::format("SELECT m.type, m.name, m.tbl_name, m.sql FROM sqlite_schema AS m WHERE {} "
                  "ORDER BY m.name",
                  user_objects),
      fmt::format("SELECT m.name, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, "
                  "p.hidden FROM sqlite_schema AS m, pragma_table_xinfo(m.name) AS p WHERE "
                  "m.type IN ('table', 'view') AND {} ORDER BY m.name, p.cid",
                  user_objects),
      fmt::format("SELECT m.name, f.id, f.seq, f.\"table\", f.\"from\", f.\"to\", f.on_update, "
                  "f.on_delete FROM sqlite_schema AS m, pragma_foreign_key_list(m.name) AS f "
                  "WHERE m.type = 'table' AND {} ORDER BY m.name, f.id, f.seq",
                  user_objects),
      fmt::format("SELECT m.name, il.name, il.\"unique\", il.origin, il.partial FROM "
                  "sqlite_schema AS m, pragma_index_list(m.name) AS il WHERE m.type = 'table' "
                  "AND {} ORDER BY m.name, il.name",
                  user_objects),
  };
  plan.assemble = [options](std::vector<CatalogRows>& results) {
    return assemble_sqlite(results, options);
  };
  return plan;
}

}  // namespace quarry::detail
