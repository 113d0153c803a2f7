// Checks that an installed Quarry can be found, compiled against and linked:
// opens an in-memory SQLite database through the public driver header and runs
// a script. Prints "consumer ok" on success.
#include <cstdlib>
#include <exception>
#include <iostream>

#include <quarry/driver/connection.hpp>

int main() {
  try {
    auto connection = quarry::open_connection("sqlite://:memory:");
    connection->execute_script("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1);");
  } catch (const std::exception& e) {
    std::cerr << "consumer failed: " << e.what() << '\n';
    return EXIT_FAILURE;
  }
  std::cout << "consumer ok\n";
  return EXIT_SUCCESS;
}
