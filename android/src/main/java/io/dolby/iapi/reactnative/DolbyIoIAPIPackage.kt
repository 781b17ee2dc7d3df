package io.dolby.iapi.reactnative

import com.facebook.react.BaseReactPackage
import com.facebook.react.bridge.NativeModule
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.module.model.ReactModuleInfo
import com.facebook.react.module.model.ReactModuleInfoProvider

/** Registers [DolbyIoIAPIModule] as a TurboModule (found by autolinking, see react-native.config.js). */
class DolbyIoIAPIPackage : BaseReactPackage() {
    override fun getModule(name: String, reactContext: ReactApplicationContext): NativeModule? =
        if (name == DolbyIoIAPIModule.NAME) DolbyIoIAPIModule(reactContext) else null

    override fun getReactModuleInfoProvider(): ReactModuleInfoProvider = ReactModuleInfoProvider {
        mapOf(
            DolbyIoIAPIModule.NAME to ReactModuleInfo(
                DolbyIoIAPIModule.NAME, // name
                DolbyIoIAPIModule::class.java.name, // className
                false, // canOverrideExistingModule
                false, // needsEagerInit
                false, // isCxxModule
                true, // isTurboModule
            ),
        )
    }
}
