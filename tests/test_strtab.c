/* Arena, hash map and intern table: identity of interned strings, growth. */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

#include "util/strtab.h"

static void test_intern_returns_one_pointer_per_string(void **state)
{
    rt_strtab t = RT_STRTAB_INIT;
    const char *a, *b, *c;
    (void)state;
    a = rt_strtab__intern(&t, "OpenAI", 6);
    b = rt_strtab__intern(&t, "OpenAI-extra", 6);
    c = rt_strtab__intern(&t, "openai", 6);
    assert_non_null(a);
    assert_ptr_equal(a, b);
    assert_ptr_not_equal(a, c);
    assert_string_equal(a, "OpenAI");
    rt_strtab__destroy(&t);
}

static void test_strmap_keeps_every_key_through_growth(void **state)
{
    rt_strmap m = RT_STRMAP_INIT;
    rt_arena arena = RT_ARENA_INIT;
    size_t v;
    (void)state;
    for (size_t i = 0; i < 10000; i++) {
        char key[32];
        int n = snprintf(key, sizeof(key), "entity-%zu", i);
        char *k = rt_arena__strndup(&arena, key, (size_t)n);
        assert_int_equal(rt_strmap__put(&m, k, (size_t)n, i, NULL), 0);
    }
    assert_int_equal(m.count, 10000);
    for (size_t i = 0; i < 10000; i++) {
        char key[32];
        int n = snprintf(key, sizeof(key), "entity-%zu", i);
        assert_int_equal(rt_strmap__get(&m, key, (size_t)n, &v), 1);
        assert_int_equal(v, i);
    }
    assert_int_equal(rt_strmap__get(&m, "entity-10000", 12, &v), 0);
    /* A second put of a key reports the first value and changes nothing. */
    assert_int_equal(rt_strmap__put(&m, "entity-7", 8, 99, &v), 1);
    assert_int_equal(v, 7);
    rt_strmap__destroy(&m);
    rt_arena__destroy(&arena);
}

static void test_arena_serves_large_and_aligned_blocks(void **state)
{
    rt_arena a = RT_ARENA_INIT;
    (void)state;
    char *small = rt_arena__alloc(&a, 3);
    char *big = rt_arena__alloc(&a, 1 << 20);
    char *after = rt_arena__alloc(&a, 8);
    assert_non_null(small);
    assert_non_null(big);
    assert_non_null(after);
    assert_int_equal((uintptr_t)after % sizeof(void *), 0);
    memset(big, 0xab, 1 << 20);
    rt_arena__destroy(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intern_returns_one_pointer_per_string),
        cmocka_unit_test(test_strmap_keeps_every_key_through_growth),
        cmocka_unit_test(test_arena_serves_large_and_aligned_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
