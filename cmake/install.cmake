# Installs Quarry so that other projects can use it, in fmt's manner:
#   find_package(quarry 0.1 REQUIRED)  +  target_link_libraries(app PRIVATE quarry::quarry)
# or pkg-config (`pkg-config --cflags --libs quarry`). Included from the top-level
# CMakeLists.txt when QUARRY_INSTALL is on; examples/consumer/ is the test of it.

include(GNUInstallDirs)  # normally already included at the top; harmless twice
include(CMakePackageConfigHelpers)

set(QUARRY_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/quarry
    CACHE STRING "Where quarryConfig.cmake and quarryTargets.cmake are installed")
set(QUARRY_INSTALL_PKGCONFIGDIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig
    CACHE STRING "Where quarry.pc is installed")

# A static library drags its PRIVATE link dependencies into the consumer's link
# ($<LINK_ONLY:...> in the exported target), so the config file must find them
# too; a shared one does not need them.
get_target_property(quarry_library_type quarry TYPE)
if(TARGET quarry_erd)
  set(QUARRY_HAS_ERD ON)
else()
  set(QUARRY_HAS_ERD OFF)
endif()
if(quarry_library_type STREQUAL "STATIC_LIBRARY")
  set(QUARRY_STATIC ON)
  set(QUARRY_PC_REQUIRES "sqlite3 libpq fmt")
  set(QUARRY_PC_REQUIRES_PRIVATE "")
  set(QUARRY_PC_LIBS "-lboost_json")  # Boost ships no .pc files
  set(QUARRY_PC_LIBS_PRIVATE "")
else()
  set(QUARRY_STATIC OFF)
  set(QUARRY_PC_REQUIRES "")
  set(QUARRY_PC_REQUIRES_PRIVATE "sqlite3 libpq fmt")
  set(QUARRY_PC_LIBS "")
  set(QUARRY_PC_LIBS_PRIVATE "-lboost_json")
endif()

set(quarry_install_targets quarry)
if(TARGET quarry_erd)
  list(APPEND quarry_install_targets quarry_erd)  # exported as quarry::erd
endif()
install(TARGETS ${quarry_install_targets}
  EXPORT quarryTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

# Public headers only: include/quarry/ is the public surface; src/ stays private.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/quarry
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h" PATTERN "*.ipp")

install(EXPORT quarryTargets
  NAMESPACE quarry::
  DESTINATION ${QUARRY_INSTALL_CMAKEDIR})
# The same targets for use straight from this build tree (no install).
export(EXPORT quarryTargets
  NAMESPACE quarry::
  FILE ${PROJECT_BINARY_DIR}/quarryTargets.cmake)

configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/quarryConfig.cmake.in
  ${PROJECT_BINARY_DIR}/quarryConfig.cmake
  INSTALL_DESTINATION ${QUARRY_INSTALL_CMAKEDIR})
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/quarryConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMajorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/quarryConfig.cmake
  ${PROJECT_BINARY_DIR}/quarryConfigVersion.cmake
  DESTINATION ${QUARRY_INSTALL_CMAKEDIR})

# quarry.pc locates the prefix from its own folder (${pcfiledir}), so the file
# stays right when the prefix is chosen at install time (`cmake --install --prefix`).
if(IS_ABSOLUTE "${QUARRY_INSTALL_PKGCONFIGDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}"
   OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(QUARRY_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
  set(QUARRY_PC_LIBDIR "${CMAKE_INSTALL_FULL_LIBDIR}")
  set(QUARRY_PC_INCLUDEDIR "${CMAKE_INSTALL_FULL_INCLUDEDIR}")
else()
  file(RELATIVE_PATH quarry_pc_up "/quarry-prefix/${QUARRY_INSTALL_PKGCONFIGDIR}" "/quarry-prefix")
  string(REGEX REPLACE "/$" "" quarry_pc_up "${quarry_pc_up}")
  set(QUARRY_PC_PREFIX "\${pcfiledir}/${quarry_pc_up}")
  set(QUARRY_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
  set(QUARRY_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/quarry.pc.in ${PROJECT_BINARY_DIR}/quarry.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/quarry.pc DESTINATION ${QUARRY_INSTALL_PKGCONFIGDIR})
