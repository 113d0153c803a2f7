// `quarry codegen`: writes a C++ header of QUARRY_TABLE models for a
// database's tables (or a quarry-schema JSON file's), docs/codegen.md.
#include <memory>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <quarry/codegen/codegen.hpp>

#include "cli.hpp"
#include "commands.hpp"

namespace quarry::cli {

namespace {

struct CodegenCommand {
  SourceOptions source;
  std::string output;
  std::string namespace_name;
  bool no_clang_format = false;
  bool progress = false;
  bool quiet = false;
};

void run(const CodegenCommand& c) {
  Progress progress;
  progress.configure(c.progress, c.quiet);
  Output out(c.output);  // before the work: an unwritable path fails at once
  Schema schema = load_schema(c.source, progress);
  CodegenOptions options;
  options.views = c.source.views;
  options.namespace_name = c.namespace_name;
  options.clang_format = !c.no_clang_format;
  if (progress.enabled()) {
    options.progress = [&progress](std::size_t done, std::size_t total) {
      progress.count("generated", done, total, total == 1 ? "table" : "tables");
    };
  }
  progress.start(fmt::format("generating models for {}", count_of(schema.tables.size(), "table")));
  std::string header = generate_models(schema, options);
  out.write(header);
  out.commit();
  progress.done(out.to_stdout() ? fmt::format("{} bytes", header.size())
                                : fmt::format("wrote {} ({} bytes)", out.path(), header.size()));
}

}  // namespace

void add_codegen_command(CLI::App& app) {
  auto c = std::make_shared<CodegenCommand>();
  CLI::App* codegen = app.add_subcommand(
      "codegen", "Write a C++ header declaring the database's tables as Quarry models");
  add_source_options(*codegen, c->source);
  codegen->add_option("-o,--output", c->output, "Output header (default: stdout)")
      ->type_name("FILE");
  codegen->add_option("--namespace", c->namespace_name,
                      "Put the models in this C++ namespace (default: none)");
  codegen->add_flag("--no-clang-format", c->no_clang_format,
                    "Do not run clang-format over the header even when it is on PATH");
  codegen->add_flag("--progress", c->progress,
                    "Print progress on stderr even when it is not a terminal");
  codegen->add_flag("-q,--quiet", c->quiet, "No progress on stderr");
  codegen->callback([c] { run(*c); });
}

}  // namespace quarry::cli
