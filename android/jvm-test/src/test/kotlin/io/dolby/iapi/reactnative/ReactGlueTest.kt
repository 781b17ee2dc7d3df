package io.dolby.iapi.reactnative

import com.facebook.react.bridge.BaseJavaModule
import com.facebook.react.turbomodule.core.interfaces.TurboModule
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * What can be checked of the React glue without a React instance (ReactApplicationContext is
 * abstract and the event emitter is a native HybridData object): the package reports the module
 * as a TurboModule under the spec's name, and the module class is the spec's.
 */
class ReactGlueTest {
    @Test
    fun `the package reports DolbyIoIAPI as a TurboModule`() {
        val infos = DolbyIoIAPIPackage().getReactModuleInfoProvider().getReactModuleInfos()
        assertEquals(setOf("DolbyIoIAPI"), infos.keys)
        val info = infos.getValue("DolbyIoIAPI")
        assertEquals("DolbyIoIAPI", info.name)
        assertEquals(DolbyIoIAPIModule::class.java.name, info.className)
        assertTrue(info.isTurboModule)
        assertTrue(!info.isCxxModule && !info.needsEagerInit && !info.canOverrideExistingModule)
    }

    @Test
    fun `the module extends the generated spec and takes its name from it`() {
        assertEquals("DolbyIoIAPI", NativeDolbyIoIAPISpec.NAME)
        assertEquals(NativeDolbyIoIAPISpec.NAME, DolbyIoIAPIModule.NAME)
        assertEquals(NativeDolbyIoIAPISpec::class.java, DolbyIoIAPIModule::class.java.superclass)
        assertTrue(TurboModule::class.java.isAssignableFrom(DolbyIoIAPIModule::class.java))
        assertTrue(BaseJavaModule::class.java.isAssignableFrom(DolbyIoIAPIModule::class.java))
    }
}
