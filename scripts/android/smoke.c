/* Smoke run of an Android libiapi_core.so on a Linux host (scripts/android/smoke-android-so.sh):
 * loads it with dlopen (every import bound: the .so is linked -z now), then through the uniffi
 * C ABI
 *   - prints the contract version and each checksum named on the command line ("name value"),
 *   - calls conference_permission_name(ADMIN) and prints the name,
 *   - calls ffi_iapi_core_rustbuffer_reserve(buf, UINT64_MAX), uniffi's own ABI function: its
 *     Vec::reserve panics ("capacity overflow"; on 32-bit the u64 -> usize conversion panics
 *     first), and uniffi's catch_unwind turns the panic into status code 2
 *     (CALL_UNEXPECTED_ERROR), dropping the buffer on the way. Getting that status back proves
 *     unwinding works in this build (libunwind, unwind tables, landing pads); a broken unwinder
 *     aborts the process instead. The core exports no function that panics on purpose.
 * bionic's __errno is provided here (exported with -rdynamic) for glibc, which has
 * __errno_location instead.
 * Usage: smoke <libiapi_core.so> [checksum function names...]   (exit 0 when all of it worked)
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int *__errno(void) { return &errno; }

typedef struct { uint64_t capacity; uint64_t len; uint8_t *data; } RustBuffer;
typedef struct { int32_t len; const uint8_t *data; } ForeignBytes;
typedef struct { int8_t code; RustBuffer error_buf; } RustCallStatus;

typedef RustBuffer (*from_bytes_fn)(ForeignBytes, RustCallStatus *);
typedef void (*free_fn)(RustBuffer, RustCallStatus *);
typedef RustBuffer (*name_fn)(RustBuffer, RustCallStatus *);
typedef RustBuffer (*reserve_fn)(RustBuffer, uint64_t, RustCallStatus *);

static void *lib;
static void *sym(const char *name) {
  void *p = dlsym(lib, name);
  if (!p) { fprintf(stderr, "smoke: %s not exported\n", name); exit(1); }
  return p;
}

/* conference_permission_name(<enum tag>): uniffi lowers an enum as a big-endian i32 (1-based). */
static RustBuffer permission_name(int32_t tag, RustCallStatus *st) {
  uint8_t be[4] = {(uint8_t)(tag >> 24), (uint8_t)(tag >> 16), (uint8_t)(tag >> 8), (uint8_t)tag};
  RustCallStatus s = {0};
  RustBuffer arg = ((from_bytes_fn)sym("ffi_iapi_core_rustbuffer_from_bytes"))(
      (ForeignBytes){4, be}, &s);
  if (s.code != 0) { fprintf(stderr, "smoke: rustbuffer_from_bytes failed\n"); exit(1); }
  return ((name_fn)sym("uniffi_iapi_core_fn_func_conference_permission_name"))(arg, st);
}

int main(int argc, char **argv) {
  lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) { fprintf(stderr, "smoke: dlopen: %s\n", dlerror()); return 1; }
  printf("ffi_iapi_core_uniffi_contract_version %u\n",
         ((uint32_t (*)(void))sym("ffi_iapi_core_uniffi_contract_version"))());
  for (int i = 2; i < argc; i++)
    printf("%s %u\n", argv[i], (unsigned)((uint16_t (*)(void))sym(argv[i]))());

  RustCallStatus st = {0};
  free_fn rb_free = (free_fn)sym("ffi_iapi_core_rustbuffer_free");
  RustBuffer name = permission_name(1, &st);
  if (st.code != 0) { fprintf(stderr, "smoke: conference_permission_name failed\n"); return 1; }
  fprintf(stderr, "smoke: conference_permission_name(1) = %.*s\n", (int)name.len, name.data);
  rb_free(name, &st);

  memset(&st, 0, sizeof st);
  RustCallStatus s2 = {0};
  RustBuffer buf = ((from_bytes_fn)sym("ffi_iapi_core_rustbuffer_from_bytes"))(
      (ForeignBytes){4, (const uint8_t *)"iapi"}, &s2);
  ((reserve_fn)sym("ffi_iapi_core_rustbuffer_reserve"))(buf, UINT64_MAX, &st);
  if (st.code != 2) {
    fprintf(stderr, "smoke: rustbuffer_reserve(UINT64_MAX) gave status %d, want 2 (caught panic)\n",
            st.code);
    return 1;
  }
  /* The error buffer holds the panic message (UTF-8). */
  int n = st.error_buf.len > 200 ? 200 : (int)st.error_buf.len;
  fprintf(stderr, "smoke: panic caught and turned into an error (status 2: \"%.*s\"): "
          "unwinding works\n", n, st.error_buf.data);
  rb_free(st.error_buf, &st);
  return 0;
}
