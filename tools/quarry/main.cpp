// quarry: the command-line tool. `quarry reflect URL`, `quarry codegen URL
// -o models.hpp`, `quarry erd URL -o schema.svg`; docs/cli.md lists every
// command and option. Errors print one line naming the problem on stderr and
// exit with status 1 (the work failed) or 2 (the command line is wrong).
#include <algorithm>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include <quarry/error.hpp>
#include <quarry/schema/schema.hpp>

#include "cli.hpp"
#include "commands.hpp"

namespace {

/// A message on one line: libpq's, for one, spreads over several.
std::string one_line(std::string_view message) {
  std::string out;
  for (char c : message) {
    if (c == '\n' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace quarry::cli;
  CLI::App app{"quarry: reflect a database, generate C++ models from it, draw its diagram",
               "quarry"};
  app.require_subcommand(1, 1);
  app.set_version_flag("--version", std::string("quarry 0.1.0"));
  app.footer(
      "Database URLs: sqlite:///relative.db, sqlite:////absolute.db, "
      "postgresql://user:password@host:port/dbname. See docs/cli.md.");
  add_reflect_command(app);
  add_codegen_command(app);
  add_erd_command(app);

  // CLI11 answers an unknown command with "A subcommand is required"; name it.
  if (argc > 1 && argv[1][0] != '-') {
    std::string_view command = argv[1];
    std::vector<std::string_view> commands;
    for (const CLI::App* sub : app.get_subcommands({})) commands.push_back(sub->get_name());
    if (std::find(commands.begin(), commands.end(), command) == commands.end()) {
      std::string suggestion = quarry::detail::closest_name(command, commands);
      std::cerr << "quarry: error: unknown command \"" << command << "\"";
      if (suggestion.empty()) {
        std::cerr << "; the commands are reflect, codegen, erd (quarry --help)\n";
      } else {
        std::cerr << "; did you mean \"" << suggestion << "\"?\n";
      }
      return exit_usage;
    }
  }

  // The name of the command that failed, for the message.
  auto command_name = [&app] {
    for (const CLI::App* sub : app.get_subcommands()) return "quarry " + sub->get_name();
    return std::string("quarry");
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints the problem (and, for a missing subcommand, the help);
    // every parse error is a usage error.
    app.exit(e);
    return exit_usage;
  } catch (const CliError& e) {
    std::cerr << command_name() << ": error: " << one_line(e.what()) << '\n';
    return e.status();
  } catch (const quarry::UsageError& e) {
    std::cerr << command_name() << ": error: " << one_line(e.what()) << '\n';
    return exit_usage;
  } catch (const std::exception& e) {
    std::cerr << command_name() << ": error: " << one_line(e.what()) << '\n';
    return exit_failure;
  }
  return 0;
}
