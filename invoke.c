/*
 * The trampoline: the only function through which libevent calls PHP (G1, G4), and the
 * lifecycle helpers every child object (Event, AsyncStream, AsyncStreamServer) shares:
 * take-callbacks-then-release, the guard around a callback (in the header), and the one
 * "is the base usable" check of a PHP method.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "zend_exceptions.h"
#include "zend_closures.h"

void as_callback_init(as_callback *cb)
{
	ZVAL_UNDEF(&cb->callable);
	memset(&cb->fcc, 0, sizeof(cb->fcc));
}

static zend_always_inline bool as_is_trampoline(const zend_function *f)
{
	return f && (f->common.fn_flags & ZEND_ACC_CALL_VIA_TRAMPOLINE);
}

/* Releases the trampoline function a callback owns (always our own full-size copy). */
static void as_trampoline_free(zend_function *f)
{
	if (f->common.function_name) {
		zend_string_release_ex(f->common.function_name, 0);
	}
	efree(f);
}

/*
 * Resolves the callable once, here, in the scope of the PHP code that registers it (the
 * scope "self::m", "parent::m", private methods and __call resolve against), the way
 * ext/spl's autoloader does. A call-via-trampoline function (__call/__callStatic, or
 * Closure::__invoke reached as [$closure, "__invoke"]) is freed by the engine after one
 * call, and ZPP has already released the one it resolved: resolve it again and keep our
 * own copy, from which as_invoke() makes a fresh copy per call.
 */
static void as_callback_resolve(zval *callable, const zend_fcall_info_cache *zpp_fcc, zend_fcall_info_cache *out)
{
	zend_function *f;

	*out = *zpp_fcc;
	if (out->function_handler) {
		return; /* an ordinary function: ZPP's resolution is stable for the request */
	}
	if (!zend_is_callable_ex(callable, NULL, IS_CALLABLE_SUPPRESS_DEPRECATIONS, NULL, out, NULL)
			|| !out->function_handler) {
		zend_release_fcall_info_cache(out);
		memset(out, 0, sizeof(*out)); /* as_invoke() falls back to resolving at call time */
		return;
	}
	f = out->function_handler;
	if (!as_is_trampoline(f)) {
		return;
	}
	if (out->object && out->object->ce == zend_ce_closure
			&& zend_string_equals_literal_ci(f->common.function_name, "__invoke")) {
		/* [$closure, "__invoke"]: call the closure itself (as Closure::fromCallable() does). */
		zval closure;

		zend_release_fcall_info_cache(out);
		ZVAL_OBJ(&closure, out->object);
		if (!zend_is_callable_ex(&closure, NULL, 0, NULL, out, NULL)) {
			memset(out, 0, sizeof(*out));
		}
		return;
	}
	/* Own a full-size copy; the name's reference moves to it. */
	out->function_handler = emalloc(sizeof(zend_function));
	if (f == &EG(trampoline)) {
		memcpy(out->function_handler, f, sizeof(zend_function));
		EG(trampoline).common.function_name = NULL; /* the engine's slot is free again */
	} else {
		memcpy(out->function_handler, f,
			f->type == ZEND_USER_FUNCTION ? sizeof(zend_op_array) : sizeof(zend_internal_function));
		efree(f);
	}
}

AS_RUNS_PHP void as_callback_set(as_callback *cb, zend_fcall_info *fci, zend_fcall_info_cache *fcc)
{
	zval old;
	zend_function *old_trampoline = as_is_trampoline(cb->fcc.function_handler) ? cb->fcc.function_handler : NULL;

	/*
	 * G12: the new callable is in place before the old one is released, since releasing
	 * it may run a destructor that uses this callback. Release the old one last: it may
	 * also own the new one (a closure returning a closure).
	 */
	ZVAL_COPY_VALUE(&old, &cb->callable);
	ZVAL_COPY(&cb->callable, &fci->function_name);
	as_callback_resolve(&cb->callable, fcc, &cb->fcc);
	if (old_trampoline) {
		as_trampoline_free(old_trampoline);
	}
	zval_ptr_dtor(&old);
}

void as_callback_move(as_callback *cb, zval *out)
{
	ZVAL_COPY_VALUE(out, &cb->callable);
	ZVAL_UNDEF(&cb->callable);
	if (as_is_trampoline(cb->fcc.function_handler)) {
		as_trampoline_free(cb->fcc.function_handler);
	}
	memset(&cb->fcc, 0, sizeof(cb->fcc));
}

AS_RUNS_PHP void as_callback_clear(as_callback *cb)
{
	zval old;

	if (Z_ISUNDEF(cb->callable)) {
		return;
	}
	as_callback_move(cb, &old);
	zval_ptr_dtor(&old);
}

void as_callback_gc(zend_get_gc_buffer *buf, as_callback *cb)
{
	if (!Z_ISUNDEF(cb->callable)) {
		zend_get_gc_buffer_add_zval(buf, &cb->callable);
	}
}

void as_loop_break_on_exception(void)
{
	as_base *b = AS_G(running_base);

	if (b && b->base) {
		event_base_loopbreak(b->base);
	}
}

AS_RUNS_PHP bool as_diag_flush_in_loop(as_base *base)
{
	bool bailout = false;

	if (UNEXPECTED(EG(exception) || (base && base->bailout))) {
		return false; /* raised later: a handler is not called while an exception is pending */
	}
	zend_try {
		as_diag_flush();
	} zend_catch {
		bailout = true;
	} zend_end_try();
	if (UNEXPECTED(bailout)) {
		if (!base || !base->base) {
			zend_bailout();
		}
		base->bailout = true;
		event_base_loopbreak(base->base);
		return false;
	}
	if (base) {
		as_base_fork_check(base); /* the handler may have forked */
	}
	if (UNEXPECTED(EG(exception))) {
		if (base && base->base) {
			event_base_loopbreak(base->base);
		}
		return false;
	}
	return true;
}

AS_RUNS_PHP bool as_invoke(as_base *base, zend_object *owner, as_callback *cb, uint32_t argc, zval *argv)
{
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	zval callable, retval;
	bool ok, bailout = false;

	if (UNEXPECTED(AS_G(diag_queued)) && !EG(exception) && !(base && base->bailout)) {
		/*
		 * Warnings that arose inside libevent since the last safe point: this is one (we
		 * are in a callback, nothing half-done). The handler may free or replace this
		 * very callback: re-checked below.
		 */
		GC_ADDREF(owner);
		as_diag_flush_in_loop(base);
		OBJ_RELEASE(owner);
	}
	if (UNEXPECTED(EG(exception) || (base && base->bailout))) {
		/* An earlier callback in this batch threw or bailed out: run nothing more, stop the loop. */
		if (base && base->base) {
			event_base_loopbreak(base->base);
		}
		return false;
	}
	if (UNEXPECTED(Z_ISUNDEF(cb->callable))) {
		return true;
	}

	/*
	 * Our own references for the duration of the call: the callback may free, unset or
	 * close its owner and clear or replace the callable. Both stay valid until we return.
	 */
	GC_ADDREF(owner);
	ZVAL_COPY(&callable, &cb->callable);

	fci.size = sizeof(fci);
	ZVAL_COPY_VALUE(&fci.function_name, &callable);
	fci.retval = &retval;
	fci.params = argv;
	fci.param_count = argc;
	fci.named_params = NULL;
	fci.object = NULL;
	ZVAL_UNDEF(&retval);

	/*
	 * The fcc resolved at registration, so the call needs no lookup. A trampoline is freed
	 * by the engine when the call ends (or fails to start), so each call gets its own copy
	 * of ours, with its own reference on the name. An fcc that could not be resolved then
	 * is resolved now (fci.object NULL: the callable zval says everything).
	 */
	fcc = cb->fcc;
	if (UNEXPECTED(as_is_trampoline(fcc.function_handler))) {
		fcc.function_handler = emalloc(sizeof(zend_function));
		memcpy(fcc.function_handler, cb->fcc.function_handler, sizeof(zend_function));
		zend_string_addref(fcc.function_handler->common.function_name);
	}

	/*
	 * A fatal error in the callback longjmps to the nearest zend_try. Jumping over
	 * libevent's frames would leave its loop marked as running (every later loop() on
	 * this base fails: "reentrant invocation") and skip our callers' bookkeeping, so
	 * catch it here, let libevent return normally, and have loop() resume the bailout.
	 */
	zend_try {
		zend_call_function(&fci, fcc.function_handler ? &fcc : NULL);
	} zend_catch {
		bailout = true;
	} zend_end_try();

	if (UNEXPECTED(bailout)) {
		if (!base || !base->base) {
			zend_bailout(); /* no loop of ours to unwind */
		}
		base->bailout = true;
		event_base_loopbreak(base->base);
		zval_ptr_dtor(&callable);
		OBJ_RELEASE(owner);
		return false;
	}
	zval_ptr_dtor(&retval);

	if (base) {
		/*
		 * G5: a callback that forked returns, in the child, straight into libevent's loop,
		 * which would go on polling the backend shared with the parent. Re-initialise first.
		 * (The loop holds a reference on the base, so it is still there.)
		 */
		as_base_fork_check(base);
	}

	/*
	 * Release our references first: that may run user code (the callable's destructor,
	 * the owner's values when the callback dropped its last reference) which may throw or
	 * exit() too, and that must stop the loop as well.
	 */
	zval_ptr_dtor(&callable);
	OBJ_RELEASE(owner);

	ok = EG(exception) == NULL;
	if (UNEXPECTED(!ok) && base && base->base) {
		/* G4: stop at once; loop() rethrows. Pending state is left as it is. */
		event_base_loopbreak(base->base);
	}
	return ok;
}

HashTable *as_child_get_gc(zend_object *obj, zval **table, int *n, as_callback *const *cbs, uint32_t ncbs,
	zval *const *extra, uint32_t nextra, as_base *base)
{
	zend_get_gc_buffer *buf = zend_get_gc_buffer_create();

	for (uint32_t i = 0; i < ncbs; i++) {
		as_callback_gc(buf, cbs[i]);
	}
	for (uint32_t i = 0; i < nextra; i++) {
		zend_get_gc_buffer_add_zval(buf, extra[i]); /* skips what is not refcounted (UNDEF included) */
	}
	if (base) {
		zend_get_gc_buffer_add_obj(buf, &base->std);
	}
	/*
	 * The properties as zend_std_get_gc() reports them: the table when one exists, else
	 * the declared slots. zend_std_get_properties() would build a table for every object
	 * the GC visits (376 bytes each): with 10,000 open streams, 3.7 MB after one collection.
	 */
	if (obj->properties) {
		zend_get_gc_buffer_use(buf, table, n);
		return obj->properties;
	}
	for (int i = 0; i < obj->ce->default_properties_count; i++) {
		zend_get_gc_buffer_add_zval(buf, &obj->properties_table[i]);
	}
	zend_get_gc_buffer_use(buf, table, n);
	return NULL;
}

void as_callbacks_take(as_callback *const *cbs, uint32_t n, zval *out)
{
	for (uint32_t i = 0; i < n; i++) {
		as_callback_move(cbs[i], &out[i]);
	}
}

AS_RUNS_PHP void as_zvals_release(zval *vals, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		zval_ptr_dtor(&vals[i]);
	}
}

void as_throw(zend_class_entry *ce, zend_long code, const char *fmt, ...)
{
	va_list ap;
	zend_string *msg, *method;

	va_start(ap, fmt);
	msg = zend_vstrpprintf(0, fmt, ap);
	va_end(ap);
	method = get_active_function_or_method_name();
	zend_throw_exception_ex(ce ? ce : zend_ce_error, code, "%s(): %s", ZSTR_VAL(method), ZSTR_VAL(msg));
	zend_string_release(method);
	zend_string_release(msg);
}

void as_throw_constructed_twice(void)
{
	zend_string *method = get_active_function_or_method_name();

	zend_throw_error(NULL, "%s() cannot be called twice", ZSTR_VAL(method));
	zend_string_release(method);
}

as_base *as_base_live_or_throw(as_base *b, bool given)
{
	if (EXPECTED(as_base_is_live(b))) {
		return b;
	}
	as_throw(NULL, 0, "the EventBase %s%s", given ? "given " : "",
		b->was_freed ? "has been freed"
		: given ? "is not initialised" : "is not initialised (its constructor was not called)");
	return NULL;
}
