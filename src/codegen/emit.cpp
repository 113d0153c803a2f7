// generate_models: a Schema to a C++ header of QUARRY_TABLE models. Tables
// come in dependency order (then by name), views after them; each is a row
// struct, its QUARRY_TABLE and, when it has table-level constraints, its
// QUARRY_TABLE_CONSTRAINTS. Naming, type mapping and relationship detection
// are their own files beside this one.
#include <quarry/codegen/codegen.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include <quarry/error.hpp>
#include <quarry/schema/lookup.hpp>

#include "codegen/layout.hpp"
#include "codegen/naming.hpp"
#include "codegen/relationships.hpp"
#include "codegen/type_mapping.hpp"
#include "schema/referential_action_name.hpp"

namespace quarry {

namespace {

using namespace detail::codegen;

bool listed(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<const TableSchema*> selected_tables(const Schema& schema,
                                                const CodegenOptions& options) {
  std::vector<std::string_view> known;
  for (const auto& t : schema.tables) known.push_back(t.name);
  for (const auto& name : options.only) {
    if (!schema.find_table(name)) {
      std::string suggestion = detail::closest_name(name, known);
      throw UsageError(
          fmt::format("codegen: the schema has no table \"{}\"{}", name,
                      suggestion.empty() ? "" : fmt::format("; did you mean \"{}\"?", suggestion)));
    }
  }
  std::vector<const TableSchema*> out;
  for (const auto& t : schema.tables) {
    if (!options.only.empty() && !listed(options.only, t.name)) continue;
    if (listed(options.exclude, t.name)) continue;
    if (t.is_view && !options.views) continue;
    out.push_back(&t);
  }
  return out;
}

// Tables in dependency order, the smallest name first among those ready; in
// a cycle, the smallest name of the cycle goes first (its keys to later
// tables are declared after them). Views follow, by name.
std::vector<const TableSchema*> emission_order(std::vector<const TableSchema*> tables) {
  // By name regardless of case ("Album" beside "album"), then exactly.
  auto folded = [](const TableSchema* t) {
    std::string key = t->schema + '.' + t->name;
    for (auto& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return key;
  };
  auto by_name = [&](const TableSchema* a, const TableSchema* b) {
    std::string ka = folded(a), kb = folded(b);
    return ka != kb ? ka < kb : a->name < b->name;
  };
  std::sort(tables.begin(), tables.end(), by_name);
  std::vector<const TableSchema*> order, pending, views;
  for (const TableSchema* t : tables) (t->is_view ? views : pending).push_back(t);
  std::set<std::string> done;
  auto present = [&](const std::string& name) {
    return std::any_of(pending.begin(), pending.end(),
                       [&](const TableSchema* t) { return t->name == name; });
  };
  while (!pending.empty()) {
    auto ready = std::find_if(pending.begin(), pending.end(), [&](const TableSchema* t) {
      return std::all_of(t->foreign_keys.begin(), t->foreign_keys.end(), [&](const ForeignKey& fk) {
        return fk.ref_table == t->name || done.count(fk.ref_table) || !present(fk.ref_table);
      });
    });
    if (ready == pending.end()) ready = pending.begin();  // a cycle
    done.insert((*ready)->name);
    order.push_back(*ready);
    pending.erase(ready);
  }
  order.insert(order.end(), views.begin(), views.end());
  return order;
}

std::string joined(const std::vector<std::string>& names, std::string_view separator) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += separator;
    out += n;
  }
  return out;
}

bool integral(TypeKind kind) {
  return kind == TypeKind::int16 || kind == TypeKind::int32 || kind == TypeKind::int64;
}

// The generator's state: the chosen tables and their names.
class Emitter {
 public:
  Emitter(const Schema& schema, std::vector<const TableSchema*> tables)
      : schema_(schema), tables_(std::move(tables)), names_(assign_names(tables_)) {
    for (std::size_t i = 0; i < tables_.size(); ++i) index_[qualified_name(*tables_[i])] = i;
    name_db_enums();
    relationships_ = detect_relationships(schema_);
    // In emission order, so that the comments do not depend on the order the
    // schema listed its tables in.
    std::stable_sort(relationships_.begin(), relationships_.end(),
                     [&](const Relationship& a, const Relationship& b) {
                       std::size_t pa = position(*a.from), pb = position(*b.from);
                       if (pa != pb) return pa < pb;
                       return std::less<const ForeignKey*>()(a.key, b.key);
                     });
  }

  std::string header(const CodegenOptions& options) {
    std::string body;
    for (std::size_t i = 0; i < tables_.size(); ++i) {
      body += table(i);
      if (options.progress) options.progress(i + 1, tables_.size());
    }
    if (!deferred_.empty()) {
      body +=
          "// Keys that close a cycle of references, declared once both ends exist (`->` does\n"
          "// not follow them).\n";
      for (auto& d : deferred_) body += d + "\n";
      body += "\n";
    }

    std::string out =
        "// Models generated by quarry codegen from the database's schema; edit freely.\n";
    out += fmt::format("// {} table{}, {} view{}.\n", count(false), count(false) == 1 ? "" : "s",
                       count(true), count(true) == 1 ? "" : "s");
    out += "#pragma once\n\n";
    bool cstdint = body.find("std::int") != std::string::npos;
    bool optional = body.find("std::optional<") != std::string::npos;
    bool string = body.find("std::string") != std::string::npos;
    if (cstdint) out += "#include <cstdint>\n";
    if (optional) out += "#include <optional>\n";
    if (string) out += "#include <string>\n";
    if (cstdint || optional || string) out += '\n';
    out += "#include <quarry/quarry.hpp>\n\n";
    if (!options.namespace_name.empty())
      out += fmt::format("namespace {} {{\n\n", options.namespace_name);
    out += enum_types();
    out += body;
    out += schema_function();
    if (!options.namespace_name.empty())
      out += fmt::format("}}  // namespace {}\n", options.namespace_name);
    while (out.ends_with("\n\n")) out.pop_back();
    return out;
  }

 private:
  std::size_t count(bool views) const {
    return static_cast<std::size_t>(std::count_if(
        tables_.begin(), tables_.end(), [&](const TableSchema* t) { return t->is_view == views; }));
  }

  // Tables by qualified name ("name", "schema.name"); tables_.size() when
  // the table is not generated.
  std::size_t position(const std::string& qualified) const {
    auto it = index_.find(qualified);
    return it == index_.end() ? tables_.size() : it->second;
  }
  std::size_t position(const TableSchema& t) const { return position(qualified_name(t)); }
  const TableNames* names_of(const TableSchema& t) const {
    std::size_t p = position(t);
    return p == tables_.size() ? nullptr : &names_[p];
  }
  // The generated table `fk` of `from` references: in its ref_schema, or (an
  // empty one) the default namespace or the referencing table's own.
  std::size_t target_of(const TableSchema& from, const ForeignKey& fk) const {
    std::string in_ref = fk.ref_schema.empty() ? fk.ref_table : fk.ref_schema + "." + fk.ref_table;
    std::size_t p = position(in_ref);
    if (p == tables_.size() && fk.ref_schema.empty() && !from.schema.empty())
      p = position(from.schema + "." + fk.ref_table);
    return p;
  }

  // `instance.member` for a column of a generated table.
  std::string column_ref(std::size_t table, std::string_view column) const {
    if (table >= tables_.size()) return {};
    const TableNames& n = names_[table];
    const TableSchema* t = tables_[table];
    for (std::size_t i = 0; i < t->columns.size(); ++i) {
      if (t->columns[i].name == column) return n.instance + "." + n.members[i];
    }
    return {};
  }
  bool key_targets_known(const TableSchema& from, const ForeignKey& fk) const {
    std::size_t to = target_of(from, fk);
    if (to == tables_.size()) return false;
    for (const auto& c : fk.ref_columns) {
      if (column_ref(to, c).empty()) return false;
    }
    return true;
  }

  // schema(): every generated table, for create_tables and comparisons.
  std::string schema_function() const {
    std::string name = "schema";
    while (std::any_of(names_.begin(), names_.end(),
                       [&](const TableNames& n) { return n.instance == name; }))
      name += '_';
    std::vector<std::string> instances;
    for (const auto& n : names_) instances.push_back(n.instance);
    std::string out =
        "/// The Schema of every table above, in order: create_tables_sync(db, " + name + "()).\n";
    out += fmt::format("inline quarry::Schema {}() {{\n", name);
    if (schema_.enums.empty()) {
      out += wrap_call("  return quarry::schema_of(", instances, ");") + "\n}\n\n";
      return out;
    }
    // The database enum types are created before the tables that use them.
    out += wrap_call("  quarry::Schema schema = quarry::schema_of(", instances, ");") + "\n";
    // All of them, as the database has them (schema_of lists those of the
    // QUARRY_DB_ENUM columns, without their namespaces).
    out += "  schema.enums.clear();\n";
    for (const auto& e : schema_.enums) {
      std::vector<std::string> values;
      for (const auto& v : e.values) values.push_back(cpp_string(v));
      out += wrap_call("  schema.enums.push_back({",
                       {cpp_string(e.name), cpp_string(e.schema), "{" + joined(values, ", ") + "}"},
                       "});") +
             "\n";
    }
    out += "  return schema;\n}\n\n";
    return out;
  }

  // A C++ enum per database enum type whose name and labels are usable as
  // they are (QUARRY_DB_ENUM spells each by its tokens); the rest keep their
  // SQL type. Named in PascalCase, clear of the struct names.
  void name_db_enums() {
    std::set<std::string> taken;
    for (const auto& n : names_) taken.insert(n.struct_name);
    auto identifier = [](const std::string& name) { return enum_labels_are_identifiers({name}); };
    for (const auto& e : schema_.enums) {
      if (!identifier(e.name) || (!e.schema.empty() && !identifier(e.schema))) continue;
      if (!enum_labels_are_identifiers(e.values)) continue;
      std::string name = pascal_case(e.name);
      if (name.empty() || !identifier(name)) continue;
      if (taken.count(name) && !e.schema.empty()) name = pascal_case(e.schema) + name;
      while (taken.count(name)) name += "Enum";
      taken.insert(name);
      db_enums_[e.schema.empty() ? e.name : e.schema + "." + e.name] = name;
    }
  }

  std::string enum_types() const {
    if (schema_.enums.empty()) return {};
    std::string out;
    for (const auto& e : schema_.enums) {
      std::string name = e.schema.empty() ? e.name : e.schema + "." + e.name;
      if (auto mapped = db_enums_.find(name); mapped != db_enums_.end()) {
        out += comment_lines("/// ", fmt::format("Database enum type {}.", name));
        out += wrap_call(fmt::format("enum class {} {{ ", mapped->second), e.values, " };") + "\n";
        std::vector<std::string> args{mapped->second, name};
        args.insert(args.end(), e.values.begin(), e.values.end());
        out += wrap_call("QUARRY_DB_ENUM(", args, ");") + "\n";
        continue;
      }
      out += comment_lines(
          "// ", fmt::format("Database enum type {}: '{}'. Its labels are not all C++ "
                             "identifiers: its columns are declared raw_type(\"{}\") and read by "
                             "name; the type itself is created with CREATE TYPE {} AS ENUM (...) "
                             "before the tables.",
                             name, joined(e.values, "', '"), name, name));
    }
    return out + "\n";
  }

  std::vector<std::string> relationship_lines(const TableSchema& t, const TableNames& n) const {
    std::vector<std::string> lines;
    if (is_association_table(t)) {
      std::vector<std::string> ends;
      for (const auto& fk : t.foreign_keys) {
        if (std::size_t to = target_of(t, fk); to < tables_.size())
          ends.push_back(names_[to].struct_name);
      }
      if (ends.size() == 2)
        lines.push_back(
            fmt::format("links {} and {}: a many-to-many association table", ends[0], ends[1]));
    }
    // What this table refers to, then what refers to it.
    for (int pass = 0; pass < 2; ++pass) {
      for (const auto& r : relationships_) {
        const TableNames* target = names_of(*r.to);
        if (!target || !names_of(*r.from)) continue;
        if (pass == 0 && r.from == &t) {
          std::vector<std::string> members;
          for (const auto& c : r.key->columns) members.push_back(member_of(t, n, c));
          std::string via = members.size() == 1 ? members[0] : "(" + joined(members, ", ") + ")";
          switch (r.kind) {
            case RelationKind::inheritance:
              lines.push_back(
                  fmt::format("extends {} (joined-table inheritance: {} is also {}'s primary key)",
                              target->struct_name, via, target->struct_name));
              break;
            case RelationKind::self_reference:
              lines.push_back(fmt::format("{} -> {} itself (a self-reference: parent and children)",
                                          via, target->struct_name));
              break;
            case RelationKind::one_to_one:
              lines.push_back(fmt::format("{} -> {} (one-to-one: the key is unique)", via,
                                          target->struct_name));
              break;
            case RelationKind::many_to_one:
              lines.push_back(fmt::format("{} -> {} (many-to-one)", via, target->struct_name));
              break;
          }
        } else if (pass == 1 && r.to == &t && r.from != &t) {
          const TableNames* from = names_of(*r.from);
          std::vector<std::string> members;
          for (const auto& c : r.key->columns) members.push_back(member_of(*r.from, *from, c));
          std::string where =
              from->instance + "." +
              (members.size() == 1 ? members[0] : "(" + joined(members, ", ") + ")");
          if (is_association_table(*r.from)) {
            for (const auto& other : r.from->foreign_keys) {
              if (&other == r.key) continue;
              if (std::size_t end = target_of(*r.from, other); end < tables_.size())
                lines.push_back(fmt::format("many-to-many with {} through {}",
                                            names_[end].struct_name, from->instance));
            }
            continue;
          }
          switch (r.kind) {
            case RelationKind::inheritance:
              lines.push_back(
                  fmt::format("extended by {} (joined-table inheritance)", from->struct_name));
              break;
            case RelationKind::one_to_one:
              lines.push_back(fmt::format("has one {} through {}", from->struct_name, where));
              break;
            case RelationKind::many_to_one:
              lines.push_back(fmt::format("has many {} through {}", from->struct_name, where));
              break;
            case RelationKind::self_reference:
              break;
          }
        }
      }
    }
    return lines;
  }

  static std::string member_of(const TableSchema& t, const TableNames& n, std::string_view column) {
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (t.columns[i].name == column) return n.members[i];
    }
    return std::string(column);
  }

  std::string foreign_key_modifiers(const TableSchema& t, const ForeignKey& fk,
                                    std::string_view default_name) const {
    std::string out;
    if (fk.on_delete != ReferentialAction::no_action)
      out += fmt::format(".on_delete({})", referential_action_name(fk.on_delete));
    if (fk.on_update != ReferentialAction::no_action)
      out += fmt::format(".on_update({})", referential_action_name(fk.on_update));
    if (fk.deferrable) out += fk.initially_deferred ? ".deferrable(true)" : ".deferrable()";
    if (!fk.name.empty() && fk.name != default_name)
      out += fmt::format(".named({})", cpp_string(fk.name));
    // The referenced table's namespace, as reflection gives it (also for a
    // key to a table of the referencing table's own namespace).
    if (!fk.ref_schema.empty()) out += fmt::format(".in_schema({})", cpp_string(fk.ref_schema));
    static_cast<void>(t);
    return out;
  }

  std::string table(std::size_t i) {
    const TableSchema& t = *tables_[i];
    const TableNames& n = names_[i];
    std::string out;

    // --- The struct, with its comments.
    std::vector<std::string> doc;
    if (!t.comment.empty()) doc.push_back(t.comment);
    if (t.is_view)
      doc.push_back("A view: a read-only model (QUARRY_VIEW), read with select and objects.");
    auto relations = relationship_lines(t, n);
    std::string struct_doc;
    for (std::size_t d = 0; d < doc.size(); ++d) {
      if (d) struct_doc += "///\n";
      struct_doc += comment_lines("/// ", doc[d]);
    }
    if (!relations.empty()) {
      if (!struct_doc.empty()) struct_doc += "///\n";
      struct_doc += "/// Relationships:\n";
      for (const auto& r : relations) struct_doc += comment_lines("/// - ", r);
    }
    out += struct_doc;
    out += fmt::format("struct {} {{\n", n.struct_name);

    std::vector<std::string> entries;
    std::vector<std::string> table_constraints;
    std::vector<std::string> deferred_constraints;
    const std::string self = n.instance;

    bool column_pk = t.primary_key.size() == 1 && t.find_column(t.primary_key[0]) &&
                     t.find_column(t.primary_key[0])->auto_increment &&
                     integral(t.find_column(t.primary_key[0])->type.kind);
    std::set<const UniqueConstraint*> inline_uniques;
    std::set<const Index*> inline_indexes;
    std::set<const ForeignKey*> inline_keys;

    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const ColumnSchema& col = t.columns[c];
      const std::string& member = n.members[c];
      MappedType type = map_type(col, db_enums_);
      if (!col.comment.empty()) out += comment_lines("  /// ", col.comment);
      if (!type.note.empty()) out += comment_lines("  // ", type.note);
      if (col.auto_increment && !(column_pk && t.primary_key[0] == col.name)) {
        out += comment_lines("  // ",
                             "generated by the database (auto-increment/identity), "
                             "which QUARRY_TABLE declares only for an integer primary key");
      }
      out += fmt::format("  {} {}{};\n", type.cpp, member, type.initializer);

      std::vector<std::string> parts;
      parts.push_back(member == col.name ? member
                                         : fmt::format("({}, {})", member, cpp_string(col.name)));
      if (column_pk && t.primary_key[0] == col.name) parts.push_back("primary_key");
      for (auto& x : type.constraints) parts.push_back(x);
      for (const auto& u : t.uniques) {
        if (u.columns.size() == 1 && u.columns[0] == col.name &&
            (u.name.empty() || u.name == fmt::format("{}_{}_key", t.name, col.name)) &&
            !inline_uniques.count(&u)) {
          parts.push_back("unique");
          inline_uniques.insert(&u);
          break;
        }
      }
      for (const auto& ix : t.indexes) {
        if (ix.columns.size() == 1 && ix.columns[0] == col.name && !ix.unique &&
            ix.expressions.empty() && ix.where.empty() && ix.method.empty() &&
            ix.opclasses.empty() && ix.name == fmt::format("ix_{}_{}", t.name, col.name) &&
            !inline_indexes.count(&ix)) {
          parts.push_back("index");
          inline_indexes.insert(&ix);
          break;
        }
      }
      if (col.default_sql && !col.auto_increment)
        parts.push_back(fmt::format("default_sql({})", cpp_string(*col.default_sql)));
      for (const auto& fk : t.foreign_keys) {
        if (fk.columns.size() != 1 || fk.columns[0] != col.name || !key_targets_known(t, fk))
          continue;
        std::size_t to = target_of(t, fk);
        if (to > i) continue;  // a cycle: later
        parts.push_back(fmt::format("references({})", column_ref(to, fk.ref_columns[0])) +
                        foreign_key_modifiers(t, fk, fmt::format("{}_{}_fkey", t.name, col.name)));
        inline_keys.insert(&fk);
        break;
      }
      if (!col.comment.empty())
        parts.push_back(fmt::format("comment({})", cpp_string(col.comment)));
      entries.push_back("(" + joined(parts, ", ") + ")");
    }
    out += "};\n";

    auto refs = [&](const std::vector<std::string>& columns) {
      std::vector<std::string> out_refs;
      for (const auto& c : columns) out_refs.push_back(self + "." + member_of(t, n, c));
      return joined(out_refs, ", ");
    };
    if (!t.primary_key.empty() && !column_pk)
      table_constraints.push_back(fmt::format("primary_key({})", refs(t.primary_key)));
    for (const auto& u : t.uniques) {
      if (inline_uniques.count(&u)) continue;
      std::string s = fmt::format("unique({})", refs(u.columns));
      if (!u.name.empty() && u.name != fmt::format("{}_{}_key", t.name, joined(u.columns, "_")))
        s += fmt::format(".named({})", cpp_string(u.name));
      table_constraints.push_back(std::move(s));
    }
    for (const auto& fk : t.foreign_keys) {
      if (inline_keys.count(&fk)) continue;
      if (!key_targets_known(t, fk)) {
        out += comment_lines(
            "// ", fmt::format("{}: the foreign key ({}) -> {} ({}) is not declared: {} is not "
                               "among the generated tables.",
                               n.struct_name, joined(fk.columns, ", "), fk.ref_table,
                               joined(fk.ref_columns, ", "), fk.ref_table));
        continue;
      }
      std::size_t to = target_of(t, fk);
      std::vector<std::string> targets;
      for (const auto& c : fk.ref_columns) targets.push_back(column_ref(to, c));
      std::string s =
          fmt::format("foreign_key({}).references({})", refs(fk.columns), joined(targets, ", ")) +
          foreign_key_modifiers(t, fk, fmt::format("{}_{}_fkey", t.name, joined(fk.columns, "_")));
      bool later = to > i;
      (later ? deferred_constraints : table_constraints).push_back(std::move(s));
    }
    for (const auto& ix : t.indexes) {
      if (inline_indexes.count(&ix)) continue;
      std::string s;
      if (!ix.expressions.empty()) {
        std::vector<std::string> exprs;
        for (const auto& e : ix.expressions) exprs.push_back(cpp_string(e));
        s = fmt::format("expression_index({{{}}}{})", joined(exprs, ", "),
                        ix.unique ? ", true" : "");
      } else {
        s = fmt::format("{}({})", ix.unique ? "unique_index" : "index", refs(ix.columns));
      }
      if (!ix.where.empty()) s += fmt::format(".where({})", cpp_string(ix.where));
      if (!ix.method.empty()) s += fmt::format(".method({})", cpp_string(ix.method));
      if (!ix.opclasses.empty()) {
        std::vector<std::string> classes;
        for (const auto& c : ix.opclasses) classes.push_back(cpp_string(c));
        s += fmt::format(".opclasses({{{}}})", joined(classes, ", "));
      }
      if (!ix.expressions.empty() ||
          ix.name != fmt::format("ix_{}_{}", t.name, joined(ix.columns, "_")))
        s += fmt::format(".named({})", cpp_string(ix.name));
      table_constraints.push_back(std::move(s));
    }
    for (const auto& ck : t.checks)
      table_constraints.push_back(
          fmt::format("check_sql({}, {})", cpp_string(ck.name), cpp_string(ck.sql)));
    if (!t.comment.empty())
      table_constraints.push_back(fmt::format("table_comment({})", cpp_string(t.comment)));
    if (!t.schema.empty())
      table_constraints.push_back(fmt::format("in_schema({})", cpp_string(t.schema)));
    if (t.is_view) table_constraints.push_back(fmt::format("view({})", cpp_string(t.view_sql)));

    std::vector<std::string> args{n.struct_name,
                                  n.instance == t.name
                                      ? n.instance
                                      : fmt::format("({}, {})", n.instance, cpp_string(t.name))};
    args.insert(args.end(), entries.begin(), entries.end());
    out += wrap_call(t.is_view ? "QUARRY_VIEW(" : "QUARRY_TABLE(", args, ");") + "\n";
    if (!deferred_constraints.empty()) {
      // One QUARRY_TABLE_CONSTRAINTS per table: all of it goes after the tables.
      table_constraints.insert(table_constraints.end(), deferred_constraints.begin(),
                               deferred_constraints.end());
      std::vector<std::string> cargs{self};
      cargs.insert(cargs.end(), table_constraints.begin(), table_constraints.end());
      deferred_.push_back(wrap_call("QUARRY_TABLE_CONSTRAINTS(", cargs, ");"));
    } else if (!table_constraints.empty()) {
      std::vector<std::string> cargs{self};
      cargs.insert(cargs.end(), table_constraints.begin(), table_constraints.end());
      out += wrap_call("QUARRY_TABLE_CONSTRAINTS(", cargs, ");") + "\n";
    }
    return out + "\n";
  }

  const Schema& schema_;
  std::vector<const TableSchema*> tables_;
  std::vector<TableNames> names_;
  std::map<std::string, std::size_t> index_;
  std::vector<Relationship> relationships_;
  std::vector<std::string> deferred_;
  DbEnumNames db_enums_;
};

}  // namespace

std::string generate_models(const Schema& schema, const CodegenOptions& options) {
  Emitter emitter(schema, emission_order(selected_tables(schema, options)));
  std::string out = emitter.header(options);
  if (options.clang_format) {
    if (auto formatted = run_clang_format(out)) return *formatted;
  }
  return out;
}

}  // namespace quarry
