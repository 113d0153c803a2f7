// `quarry reflect`: prints a schema (a database's, or a quarry-schema JSON
// file's) as readable tables, or as quarry-schema JSON with --json.
#include <algorithm>
#include <memory>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <quarry/erd/erd.hpp>
#include <quarry/schema/json.hpp>

#include "cli.hpp"
#include "commands.hpp"

namespace quarry::cli {

namespace {

struct ReflectCommand {
  SourceOptions source;
  std::string output;
  bool json = false;
  bool progress = false;
  bool quiet = false;
};

std::string join(const std::vector<std::string>& parts, std::string_view separator = ", ") {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(separator)) + p;
  return out;
}

/// Rows of cells printed as columns padded to their widest cell.
std::string aligned(const std::vector<std::vector<std::string>>& rows, std::string_view indent) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line(indent);
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line.append(widths[i] - row[i].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  }
  return out;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

/// A table as a human reads it: a heading, one line per column (name, type,
/// nullability, default, keys), then its constraints and indexes.
std::string describe_table(const TableSchema& t) {
  std::string name = t.schema.empty() ? t.name : t.schema + "." + t.name;
  std::string out = fmt::format("{} {}", t.is_view ? "view" : "table", name);
  if (!t.comment.empty()) out += fmt::format("  -- {}", t.comment);
  out += '\n';
  std::vector<std::vector<std::string>> rows{{"column", "type", "null", "default", "key"}};
  for (const auto& c : t.columns) {
    std::vector<std::string> keys;
    if (contains(t.primary_key, c.name)) keys.emplace_back("PK");
    for (const auto& fk : t.foreign_keys) {
      auto at = std::find(fk.columns.begin(), fk.columns.end(), c.name);
      if (at == fk.columns.end()) continue;
      auto i = static_cast<std::size_t>(at - fk.columns.begin());
      keys.push_back(fmt::format("FK {}.{}", fk.ref_table,
                                 i < fk.ref_columns.size() ? fk.ref_columns[i] : "?"));
    }
    for (const auto& u : t.uniques) {
      if (u.columns.size() == 1 && u.columns[0] == c.name) keys.emplace_back("UNIQUE");
    }
    std::string default_text = c.auto_increment ? "auto" : c.default_sql.value_or("");
    std::string line_comment = c.comment.empty() ? "" : "  -- " + c.comment;
    rows.push_back({c.name, erd_type_name(c.type), c.nullable ? "yes" : "", default_text,
                    join(keys) + line_comment});
  }
  out += aligned(rows, "  ");
  if (t.primary_key.size() > 1) out += fmt::format("  primary key ({})\n", join(t.primary_key));
  for (const auto& u : t.uniques) {
    if (u.columns.size() > 1) out += fmt::format("  unique {} ({})\n", u.name, join(u.columns));
  }
  for (const auto& fk : t.foreign_keys) {
    out += fmt::format("  foreign key {} ({}) -> {} ({})", fk.name, join(fk.columns), fk.ref_table,
                       join(fk.ref_columns));
    if (fk.on_delete != ReferentialAction::no_action) {
      out += fmt::format(" on delete {}", referential_action_sql(fk.on_delete));
    }
    if (fk.on_update != ReferentialAction::no_action) {
      out += fmt::format(" on update {}", referential_action_sql(fk.on_update));
    }
    if (fk.deferrable)
      out += fk.initially_deferred ? " deferrable initially deferred" : " deferrable";
    out += '\n';
  }
  for (const auto& ch : t.checks) out += fmt::format("  check {} ({})\n", ch.name, ch.sql);
  for (const auto& ix : t.indexes) {
    std::vector<std::string> keys = ix.columns;
    keys.insert(keys.end(), ix.expressions.begin(), ix.expressions.end());
    for (std::size_t k = 0; k < keys.size() && k < ix.opclasses.size(); ++k) {
      if (!ix.opclasses[k].empty()) keys[k] += " " + ix.opclasses[k];
    }
    out += fmt::format("  {}index {} {}({}){}\n", ix.unique ? "unique " : "", ix.name,
                       ix.method.empty() ? "" : "using " + ix.method + " ", join(keys),
                       ix.where.empty() ? "" : " where " + ix.where);
  }
  if (t.is_view && !t.view_sql.empty()) out += fmt::format("  as {}\n", t.view_sql);
  return out;
}

std::string describe_schema(const Schema& schema) {
  std::string out;
  for (const auto& e : schema.enums) {
    out += fmt::format("enum {}{}{} ({})\n\n", e.schema, e.schema.empty() ? "" : ".", e.name,
                       join(e.values));
  }
  for (const auto& t : schema.tables) {
    out += describe_table(t);
    out += '\n';
  }
  out += schema_summary(schema) + '\n';
  return out;
}

void run(const ReflectCommand& c) {
  Progress progress;
  progress.configure(c.progress, c.quiet);
  Output out(c.output);
  Schema schema = load_schema(c.source, progress);
  out.write(c.json ? schema_to_json(schema) : describe_schema(schema));
  out.commit();
}

}  // namespace

void add_reflect_command(CLI::App& app) {
  auto c = std::make_shared<ReflectCommand>();
  CLI::App* reflect = app.add_subcommand(
      "reflect", "Print a database's schema: tables, columns, keys, indexes (or --json)");
  add_source_options(*reflect, c->source);
  reflect->add_flag("--json", c->json,
                    "Print quarry-schema JSON (format version 1, docs/schema-json.md)");
  reflect->add_option("-o,--output", c->output, "Output file (default: stdout)")->type_name("FILE");
  reflect->add_flag("--progress", c->progress,
                    "Print progress on stderr even when it is not a terminal");
  reflect->add_flag("-q,--quiet", c->quiet, "No progress on stderr");
  reflect->callback([c] { run(*c); });
}

}  // namespace quarry::cli
