// erd_dot: the diagram as Graphviz DOT. Each table is a node with an
// HTML-like label (a header row, then one row per column: name, type,
// markers); each relationship an edge between the rows of the columns it
// joins, with crow's-foot ends (arrowtail at the referenced table, arrowhead
// at the referencing one).
#include <map>

#include <fmt/format.h>

#include <quarry/erd/erd.hpp>

#include "erd/erd_detail.hpp"

namespace quarry {

namespace {

using erd_detail::ColumnMarks;

constexpr std::string_view header_color = "#2f5d8a";
constexpr std::string_view view_header_color = "#6b7280";
constexpr std::string_view line_color = "#4b5563";

/// A DOT double-quoted ID. Graphviz's scanner reads `\"` as a quote and keeps
/// `\\` as two backslashes, so doubling each backslash and escaping each quote
/// gives an ID that ends where it should and differs for different names.
std::string dot_id(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

/// Length of the valid UTF-8 sequence at text[i], or 0 when it is not one.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  std::size_t length = lead < 0x80           ? 1
                       : (lead >> 5) == 0x6  ? 2
                       : (lead >> 4) == 0xE  ? 3
                       : (lead >> 3) == 0x1E ? 4
                                             : 0;
  if (length == 0 || i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) >> 6) != 0x2) return 0;
  }
  return length;
}

/// Text for an HTML-like label: markup characters as entities; control
/// characters and bytes that are not UTF-8 (which Graphviz's XML parser
/// rejects, failing the whole label) as U+FFFD.
std::string html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    std::size_t n = utf8_sequence(text, i);
    if (n == 0 || (n == 1 && static_cast<unsigned char>(c) < 0x20) || c == 0x7f) {
      out += "\xEF\xBF\xBD";
      i += n == 0 ? 1 : n;
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string join(const std::vector<std::string>& names, std::string_view separator) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += separator;
    out += n;
  }
  return out;
}

std::string markers(const ColumnMarks& m, bool nullable) {
  std::vector<std::string> parts;
  if (m.primary_key) parts.emplace_back("PK");
  if (m.foreign_key) parts.emplace_back("FK");
  if (m.unique) parts.emplace_back("UK");
  if (nullable) parts.emplace_back("NULL");
  return join(parts, ", ");
}

/// The ports of a column's row: `l` on its first cell (where lines from the
/// left arrive), `r` on its last. Column names never appear in ports, so any
/// name is safe.
std::string left_port(std::size_t column) {
  return fmt::format("c{}l", column);
}
std::string right_port(std::size_t column) {
  return fmt::format("c{}r", column);
}

void write_node(std::string& out, const TableSchema& table, const ErdOptions& options) {
  std::vector<const ColumnSchema*> columns = erd_detail::shown_columns(table, options.columns);
  int span = options.show_types ? 3 : 2;
  std::string title = fmt::format("<b>{}</b>", html(qualified_name(table)));
  if (table.is_view) title += " <i>(view)</i>";
  out += fmt::format("  {} [label=<\n", dot_id(qualified_name(table)));
  out += fmt::format(
      "    <table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\" "
      "color=\"{}\">\n",
      line_color);
  out += fmt::format(
      "      <tr><td colspan=\"{}\" bgcolor=\"{}\"><font color=\"#ffffff\">{}</font></td></tr>\n",
      span, table.is_view ? view_header_color : header_color, title);
  if (!table.comment.empty()) {
    out += fmt::format(
        "      <tr><td colspan=\"{}\" align=\"left\"><font point-size=\"9\"><i>{}</i></font>"
        "</td></tr>\n",
        span, html(table.comment));
  }
  for (const ColumnSchema* c : columns) {
    auto index = static_cast<std::size_t>(c - table.columns.data());
    ColumnMarks m = erd_detail::column_marks(table, *c);
    std::string name = html(c->name);
    if (m.primary_key) name = "<u>" + name + "</u>";
    if (c->nullable) name = "<i>" + name + "</i>";
    out += fmt::format("      <tr><td port=\"{}\" align=\"left\">{}</td>", left_port(index), name);
    if (options.show_types) {
      out += fmt::format("<td align=\"left\"><font color=\"#4b5563\">{}</font></td>",
                         html(erd_type_name(c->type)));
    }
    std::string mark = markers(m, c->nullable);
    out += fmt::format("<td port=\"{}\" align=\"left\">{}</td></tr>\n", right_port(index),
                       mark.empty() ? std::string(" ") : html(mark));
  }
  out += "    </table>>];\n";
}

/// `"table":port` for the row of `column`, or `"table"` when that row is not
/// shown (columns hidden).
std::string endpoint(const TableSchema& table, const std::vector<std::string>& columns,
                     const ErdOptions& options, bool right) {
  std::string id = dot_id(qualified_name(table));
  if (columns.empty()) return id;
  for (const ColumnSchema* c : erd_detail::shown_columns(table, options.columns)) {
    if (c->name != columns.front()) continue;
    auto index = static_cast<std::size_t>(c - table.columns.data());
    return id + ":" + (right ? right_port(index) : left_port(index));
  }
  return id;
}

}  // namespace

std::string erd_dot(const Schema& schema, const ErdOptions& options) {
  ErdModel model = erd_model(schema, options);
  std::map<std::string, const TableSchema*> by_name;
  for (const TableSchema* t : model.tables) by_name[qualified_name(*t)] = t;

  std::string out = "digraph erd {\n";
  out += fmt::format(
      "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=14, nodesep=0.4, ranksep=1.0, "
      "pad=0.3{}];\n",
      options.title.empty() ? std::string()
                            : fmt::format(", labelloc=t, label=<<b>{}</b>>", html(options.title)));
  out += "  node [shape=plain, fontname=\"Helvetica\", fontsize=10];\n";
  out += fmt::format(
      "  edge [fontname=\"Helvetica\", fontsize=9, color=\"{}\", dir=both, arrowsize=0.9];\n",
      line_color);
  for (const TableSchema* t : model.tables) {
    out += '\n';
    write_node(out, *t, options);
  }
  if (!model.relationships.empty()) out += '\n';
  for (const auto& r : model.relationships) {
    auto parent_it = by_name.find(r.parent);
    auto child_it = by_name.find(r.child);
    // Both ends are drawn by construction (erd_model); an association table
    // that joins an association table drawn as a line is the exception.
    if (parent_it == by_name.end() || child_it == by_name.end()) continue;
    const TableSchema* parent = parent_it->second;
    const TableSchema* child = child_it->second;
    if (r.cardinality == Cardinality::many_to_many) {
      // Both ends are tables the association table references, each at the
      // row of the key column it references.
      out +=
          fmt::format("  {} -> {} [arrowtail=crowodot, arrowhead=crowodot, label=<<i>{}</i>>];\n",
                      endpoint(*parent, r.parent_columns, options, true),
                      endpoint(*child, r.child_columns, options, false), html(r.via));
      continue;
    }
    std::string tail = r.optional ? "teeodot" : "teetee";
    std::string head = r.cardinality == Cardinality::one_to_one ? "teeodot" : "crowodot";
    std::string label;
    if (options.columns == ErdColumns::none) {
      label = fmt::format(", label=<{}>", html(join(r.child_columns, ", ")));
    }
    out += fmt::format("  {} -> {} [arrowtail={}, arrowhead={}{}];\n",
                       endpoint(*parent, r.parent_columns, options, true),
                       endpoint(*child, r.child_columns, options, false), tail, head, label);
  }
  out += "}\n";
  return out;
}

}  // namespace quarry
