// Writes the generated models of a named model Schema (tests/codegen/
// sources.hpp) to a file: the first step of the codegen compile test.
//   quarry_codegen_generate <source name> <out.hpp>
#include <fstream>
#include <iostream>

#include <quarry/codegen/codegen.hpp>

#include "codegen/sources.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: quarry_codegen_generate <source name> <out.hpp>\n";
    return 2;
  }
  quarry::CodegenOptions options;
  options.namespace_name = "gen";
  std::ofstream out(argv[2], std::ios::binary);
  out << quarry::generate_models(qt::codegen_source(argv[1]), options);
  return out ? 0 : 1;
}
