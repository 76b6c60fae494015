# Warning flags for finml's own targets (third-party headers come in as SYSTEM includes).
add_library(finml_warnings INTERFACE)
target_compile_options(finml_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough -Wmisleading-indentation)
if(FINML_WERROR)
  target_compile_options(finml_warnings INTERFACE -Werror)
endif()

# Applies the project's warnings to a target of ours.
function(finml_target_warnings target)
  target_link_libraries(${target} PRIVATE finml_warnings)
endfunction()
