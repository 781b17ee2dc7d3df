/* Smoke run of an Android libiapi_core.so on a Linux host (scripts/android/smoke-android-so.sh):
 * loads it with dlopen (every import bound: the .so is linked -z now), then through the uniffi
 * C ABI
 *   - prints the contract version and each checksum named on the command line ("name value"),
 *   - calls default_config() and prints its first field (the auth host's base URL),
 *   - calls ffi_iapi_core_rustbuffer_reserve(buf, UINT64_MAX), uniffi's own ABI function: its
 *     Vec::reserve panics ("capacity overflow"; on 32-bit the u64 -> usize conversion panics
 *     first), and uniffi's catch_unwind turns the panic into status code 2
 *     (CALL_UNEXPECTED_ERROR), dropping the buffer on the way. Getting that status back proves
 *     unwinding works in this build (libunwind, unwind tables, landing pads); a broken unwinder
 *     aborts the process instead. The core exports no function that panics on purpose.
 * bionic's __errno is provided here (exported with -rdynamic) for musl, which has
 * __errno_location instead; on 32-bit ARM also bionic's dl_unwind_find_exidx, which libunwind
 * calls there as in the NDK build (scripts/android/build-libunwind.sh), built on musl's
 * dl_iterate_phdr as bionic does; the run prints how often it was called (the panic's unwinding).
 * Usage: smoke <libiapi_core.so> [checksum function names...]   (exit 0 when all of it worked)
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int *__errno(void) { return &errno; }

#if defined(__arm__)
#include <link.h>
#ifndef PT_ARM_EXIDX
#define PT_ARM_EXIDX 0x70000001
#endif
static unsigned exidx_calls;
struct exidx_query { uintptr_t pc, table; int count; };
static int exidx_of_module(struct dl_phdr_info *info, size_t size, void *data) {
  struct exidx_query *q = data;
  uintptr_t table = 0; int count = 0, holds_pc = 0;
  (void)size;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    uintptr_t start = info->dlpi_addr + ph->p_vaddr;
    if (ph->p_type == PT_LOAD && q->pc >= start && q->pc < start + ph->p_memsz) holds_pc = 1;
    if (ph->p_type == PT_ARM_EXIDX) { table = start; count = (int)(ph->p_memsz / 8); }
  }
  if (!holds_pc) return 0;
  q->table = table; q->count = count;
  return 1;
}
/* bionic: the .ARM.exidx table of the module that holds pc, and its entry count (8 bytes each). */
uintptr_t dl_unwind_find_exidx(uintptr_t pc, int *pcount) {
  struct exidx_query q = {pc, 0, 0};
  exidx_calls++;
  dl_iterate_phdr(exidx_of_module, &q);
  *pcount = q.count;
  return q.table;
}
#endif

typedef struct { uint64_t capacity; uint64_t len; uint8_t *data; } RustBuffer;
typedef struct { int32_t len; const uint8_t *data; } ForeignBytes;
typedef struct { int8_t code; RustBuffer error_buf; } RustCallStatus;

typedef RustBuffer (*from_bytes_fn)(ForeignBytes, RustCallStatus *);
typedef void (*free_fn)(RustBuffer, RustCallStatus *);
typedef RustBuffer (*config_fn)(RustCallStatus *);
typedef RustBuffer (*reserve_fn)(RustBuffer, uint64_t, RustCallStatus *);

static void *lib;
static void *sym(const char *name) {
  void *p = dlsym(lib, name);
  if (!p) { fprintf(stderr, "smoke: %s not exported\n", name); exit(1); }
  return p;
}

/* default_config(): an IapiConfig record, its fields in declaration order; the first is a
 * string (uniffi: big-endian i32 length, then UTF-8). */
static RustBuffer default_config(RustCallStatus *st) {
  return ((config_fn)sym("uniffi_iapi_core_fn_func_default_config"))(st);
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
  RustBuffer config = default_config(&st);
  if (st.code != 0 || config.len < 4) { fprintf(stderr, "smoke: default_config failed\n"); return 1; }
  uint32_t n0 = (uint32_t)config.data[0] << 24 | (uint32_t)config.data[1] << 16 |
                (uint32_t)config.data[2] << 8 | config.data[3];
  if (n0 > config.len - 4) { fprintf(stderr, "smoke: default_config: bad record\n"); return 1; }
  fprintf(stderr, "smoke: default_config() auth base URL = %.*s\n", (int)n0, config.data + 4);
  if (n0 < 8 || memcmp(config.data + 4, "https://", 8) != 0) {
    fprintf(stderr, "smoke: default_config's auth base URL is not https\n"); return 1;
  }
  rb_free(config, &st);

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
#if defined(__arm__)
  fprintf(stderr, "smoke: dl_unwind_find_exidx called %u times\n", exidx_calls);
  if (exidx_calls == 0) {
    fprintf(stderr, "smoke: libunwind never called dl_unwind_find_exidx (not the NDK's path)\n");
    return 1;
  }
#endif
  rb_free(st.error_buf, &st);
  return 0;
}
