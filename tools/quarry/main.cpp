// quarry: the command-line tool. `quarry reflect URL`, `quarry codegen URL
// -o models.hpp`, `quarry erd URL -o schema.svg`; docs/cli.md lists every
// command and option. Errors print one line naming the problem on stderr and
// exit with status 1 (the work failed) or 2 (the command line is wrong).
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include <quarry/error.hpp>

#include "cli.hpp"
#include "commands.hpp"

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
    std::cerr << command_name() << ": error: " << e.what() << '\n';
    return e.status();
  } catch (const quarry::UsageError& e) {
    std::cerr << command_name() << ": error: " << e.what() << '\n';
    return exit_usage;
  } catch (const std::exception& e) {
    std::cerr << command_name() << ": error: " << e.what() << '\n';
    return exit_failure;
  }
  return 0;
}
