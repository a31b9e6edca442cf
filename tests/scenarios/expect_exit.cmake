# cmake -DRAFTCHECK=... -DTRACE=... -DEXPECT_EXIT=N [-DEXPECT_OUTPUT=regex] -P expect_exit.cmake
# Replays TRACE and fails unless `raftcheck replay` exits with exactly EXPECT_EXIT and, when
# given, its output (stdout and stderr) matches EXPECT_OUTPUT.
execute_process(COMMAND ${RAFTCHECK} replay ${TRACE}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT "${rc}" STREQUAL "${EXPECT_EXIT}")
  message(FATAL_ERROR "raftcheck replay ${TRACE}: exit ${rc}, expected ${EXPECT_EXIT}\n${out}${err}")
endif()
if(DEFINED EXPECT_OUTPUT AND NOT "${out}${err}" MATCHES "${EXPECT_OUTPUT}")
  message(FATAL_ERROR "raftcheck replay ${TRACE}: output does not match \"${EXPECT_OUTPUT}\"\n${out}${err}")
endif()
message(STATUS "raftcheck replay ${TRACE}: exit ${rc} as expected")
