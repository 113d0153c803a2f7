// `quarry erd`: draws a schema (a database, or a quarry-schema JSON file) as
// Graphviz DOT, Mermaid, SVG or PNG.
#include <unistd.h>

#include <memory>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <quarry/erd/erd.hpp>
#ifdef QUARRY_HAVE_GRAPHVIZ
#include <quarry/erd/render.hpp>
#endif

#include "cli.hpp"
#include "commands.hpp"

namespace quarry::cli {

namespace {

struct ErdCommand {
  SourceOptions source;
  std::string output;
  std::string format;
  std::string columns = "all";
  bool no_types = false;
  bool association_tables = false;
  std::string title;
  bool progress = false;
  bool quiet = false;
};

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

/// --format, else the output's extension, else DOT on stdout.
std::string choose_format(const ErdCommand& c) {
  if (!c.format.empty()) return c.format;
  if (c.output.empty()) return "dot";
  std::string lower;
  for (char ch : c.output) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (ends_with(lower, ".dot") || ends_with(lower, ".gv")) return "dot";
  if (ends_with(lower, ".mmd") || ends_with(lower, ".mermaid")) return "mermaid";
  if (ends_with(lower, ".svg")) return "svg";
  if (ends_with(lower, ".png")) return "png";
  throw CliError(fmt::format("cannot tell the format from the name {}; give --format "
                             "dot|mermaid|svg|png (or name it .dot, .gv, .mmd, .svg, .png)",
                             c.output),
                 exit_usage);
}

void run(const ErdCommand& c) {
  Progress progress;
  progress.configure(c.progress, c.quiet);
  std::string format = choose_format(c);
  if (format == "png" && c.output.empty() && isatty(STDOUT_FILENO) == 1) {
    throw CliError("refusing to write PNG to a terminal; give -o FILE.png", exit_usage);
  }
#ifndef QUARRY_HAVE_GRAPHVIZ
  if (format == "svg" || format == "png") {
    throw CliError(fmt::format("this quarry was built without graphviz, so it cannot write {}; "
                               "use --format dot or mermaid",
                               format),
                   exit_usage);
  }
#endif
  Output out(c.output);  // before the work: an unwritable path fails at once

  Schema schema = load_schema(c.source, progress);
  ErdOptions options;
  options.columns = c.columns == "keys"   ? ErdColumns::keys
                    : c.columns == "none" ? ErdColumns::none
                                          : ErdColumns::all;
  options.show_types = !c.no_types;
  options.association_tables = c.association_tables;
  options.title = c.title;

  progress.start(fmt::format("drawing {} as {}", count_of(schema.tables.size(), "table"), format));
  std::string text;
  if (format == "mermaid") {
    text = erd_mermaid(schema, options);
  } else {
    text = erd_dot(schema, options);
#ifdef QUARRY_HAVE_GRAPHVIZ
    if (format != "dot") {
      try {
        text = render_dot(text, format == "svg" ? ImageFormat::svg : ImageFormat::png);
      } catch (const RenderError& e) {
        throw CliError(e.what(), exit_failure);
      }
    }
#endif
  }
  out.write(text);
  out.commit();
  progress.done(out.to_stdout() ? fmt::format("{} bytes", text.size())
                                : fmt::format("wrote {} ({} bytes)", out.path(), text.size()));
}

}  // namespace

void add_erd_command(CLI::App& app) {
  auto c = std::make_shared<ErdCommand>();
  CLI::App* erd = app.add_subcommand(
      "erd", "Draw the schema as an entity-relationship diagram (DOT, Mermaid, SVG, PNG)");
  add_source_options(*erd, c->source);
  erd->add_option("-o,--output", c->output,
                  "Output file (default: stdout); its extension sets the format")
      ->type_name("FILE");
  erd->add_option("--format", c->format,
                  "dot, mermaid, svg or png (default: from the output's extension, else dot)")
      ->check(CLI::IsMember({"dot", "mermaid", "svg", "png"}));
  erd->add_option("--columns", c->columns,
                  "Columns in each table: all (default), keys (PK, FK, unique), none")
      ->check(CLI::IsMember({"all", "keys", "none"}));
  erd->add_flag("--no-types", c->no_types, "Leave column types out");
  erd->add_flag("--association-tables", c->association_tables,
                "Draw many-to-many association tables as tables, not as one many-to-many line");
  erd->add_option("--title", c->title, "A caption for the diagram");
  erd->add_flag("--progress", c->progress,
                "Print progress on stderr even when it is not a terminal");
  erd->add_flag("-q,--quiet", c->quiet, "No progress on stderr");
  erd->callback([c] { run(*c); });
}

}  // namespace quarry::cli
